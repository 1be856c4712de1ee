"""The web dashboard and read-only JSON API over a store (``parley serve``).

Pages: an overview (latest events, most active relationships, open alerts), a
relationship page (cooperation and conflict over time, alerts marked), an actor page
(timeline, quotes, who they deal with), an event page (every mention, the evidence
highlighted in each article's text), an events list (what every chart point links to)
and search. The JSON API under ``/api`` offers the CLI's queries; FastAPI documents it at
``/docs`` and ``/openapi.json``.

Safety: article text is untrusted. Templates autoescape everything; chart data goes into
``<script type="application/json">`` through Jinja's ``tojson`` (which escapes ``<``,
``>``, ``&`` and ``'``), and a Content-Security-Policy allows scripts from this server
only, so even a missed escape could not run inline script. Only GET exists; bad
parameters get a 4xx naming the parameter, unknown ids a 404.

Concurrency: one :class:`~parley.store.Store` per app, shared behind a lock (a DuckDB
connection is not meant for several threads at once). The store only ever reads
committed batches and refreshes its views when a new batch appears, so the dashboard
stays usable, and current, while an ingest writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley import analysis
from parley.store import Store, StoreError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
QUAD_GROUPS = {"cooperation": (1, 2), "conflict": (3, 4)}
Period = Literal["day", "week", "month"]
MAX_LIMIT = 10_000
TOP_RELATIONSHIPS = 10  # pairs watched for alerts on the overview
MAX_MENTIONS = 50  # mentions shown on an event page (the count says how many more)
CACHED_PAIRS = 20  # store-wide busiest pairs kept until the next commit
OPEN_PERIODS = 4  # an alert in the last few weeks of the store's data is "open"

# ISO 3166 alpha-3, or the IGO/UNO/EUR/NGO/MNC codes actors use: three letters.
_COUNTRY = re.compile(r"[A-Za-z]{3}")
_SAFE_URL = re.compile(r"https?://", re.IGNORECASE)
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
T = TypeVar("T")


# --------------------------------------------------------------------------- parameters


class BadParameter(HTTPException):
    """A query parameter that cannot be used: 422 with a message naming it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(status_code=422, detail=f"{name}: {message}")


def parse_country(value: str, name: str = "country") -> str:
    if not _COUNTRY.fullmatch(value.strip()):
        raise BadParameter(name, f"{value!r} is not a three-letter country code such as USA")
    return value.strip().upper()


def parse_pair(value: str | None, name: str = "pair") -> tuple[str, str] | None:
    """``USA,CHN`` (or ``USA-CHN``): actor country, recipient country."""
    if value is None or not value.strip():
        return None
    parts = re.split(r"[,\-\s]+", value.strip())
    if len(parts) != 2:
        raise BadParameter(name, f"{value!r} is not two country codes such as USA,CHN")
    return parse_country(parts[0], name), parse_country(parts[1], name)


def parse_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    upper = value.strip().upper()
    if upper not in PLOVER_TYPES:
        raise BadParameter("type", f"{value!r} is not a PLOVER type; use one of {PLOVER_TYPES}")
    return upper


def parse_quad(value: str | None) -> tuple[int, ...] | None:
    """``cooperation``, ``conflict`` or QuadClass numbers such as ``3,4``."""
    if value is None or not value.strip():
        return None
    if value in QUAD_GROUPS:
        return QUAD_GROUPS[value]
    try:
        quads = tuple(int(part) for part in value.split(","))
    except ValueError:
        quads = ()
    if not quads or any(q not in (1, 2, 3, 4) for q in quads):
        raise BadParameter("quad", f"{value!r}: use cooperation, conflict or numbers 1-4")
    return quads


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise BadParameter("since", f"{since} is after until ({until})")


ActorQ = Annotated[
    str | None, Query(description="An actor or recipient name contains this (any case).")
]
ActorNameQ = Annotated[
    str | None,
    Query(description="An actor or recipient is exactly this name, as stored (see /api/actors)."),
]
PairQ = Annotated[
    str | None,
    Query(
        description="Actor and recipient country, ISO 3166 alpha-3, e.g. USA,CHN.",
        examples=["USA,CHN"],
    ),
]
UndirectedQ = Annotated[bool, Query(description="With pair: either direction matches.")]
TypeQ = Annotated[
    str | None, Query(description=f"PLOVER event type, one of {', '.join(PLOVER_TYPES)}.")
]
SinceQ = Annotated[
    dt.date | None, Query(description="On or after this date (YYYY-MM-DD); events: overlap.")
]
UntilQ = Annotated[
    dt.date | None, Query(description="On or before this date (YYYY-MM-DD); events: overlap.")
]
WithinQ = Annotated[
    bool, Query(description="The event's whole date period lies in [since, until].")
]
QuadQ = Annotated[
    str | None, Query(description="cooperation (QuadClass 1-2), conflict (3-4) or e.g. 1,2.")
]
TextQ = Annotated[str | None, Query(description="Text contains this (any case).")]
OffsetQ = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many rows.")]
PeriodQ = Annotated[Period, Query(description="Period length: day, week or month.")]


def limit_query(default: int) -> Any:
    return Query(default, ge=1, le=MAX_LIMIT, description=f"At most this many rows (≤{MAX_LIMIT}).")


# --------------------------------------------------------------------------- helpers


def _events_link(**params: Any) -> str:
    """URL of the events list with these filters (None and False left out)."""
    kept = {k: _param(v) for k, v in params.items() if v not in (None, False, "")}
    return "/events" + (f"?{urlencode(kept)}" if kept else "")


def _param(value: Any) -> str:
    if value is True:
        return "1"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def event_url(row: Mapping[str, Any]) -> str:
    return f"/events/{quote(str(row['article_id']), safe='')}/{int(row['event_index'])}"


def actor_url(name: str) -> str:
    return f"/actors/{quote(name, safe='')}"


def pair_url(a: str, b: str, **params: Any) -> str:
    kept = {k: _param(v) for k, v in params.items() if v not in (None, False, "")}
    base = f"/relationships/{quote(a, safe='')}/{quote(b, safe='')}"
    return base + (f"?{urlencode(kept)}" if kept else "")


def safe_url(url: str | None) -> str | None:
    """An article's own URL if it is http(s); never ``javascript:`` or the like."""
    return url if url and _SAFE_URL.match(url) else None


def period_end(start: dt.date, by: Period) -> dt.date:
    return analysis.next_period(start, by) - dt.timedelta(days=1)


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """Cut ``text`` into (piece, css classes) so overlapping spans can be marked.

    Spans outside the text or empty are ignored; the pieces are escaped by the template.
    """
    cleaned = [
        (max(0, s), min(len(text), e), cls)
        for s, e, cls in spans
        if s is not None and e is not None and min(len(text), e) > max(0, s)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in cleaned), *(e for _, e, _ in cleaned)})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        classes = " ".join(sorted({cls for s, e, cls in cleaned if s <= left and right <= e}))
        pieces.append((text[left:right], classes))
    return pieces


def evidence_span(text: str, row: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the event's evidence sentence is in the article: its offsets, checked."""
    start, end, sentence = row.get("start"), row.get("end"), row.get("sentence") or ""
    in_text = start is not None and end is not None and 0 <= start < end <= len(text)
    if in_text and (not sentence or text[start:end].strip() == sentence.strip()):
        return start, end
    if sentence:  # offsets disagree with the text: find the sentence instead
        found = text.find(sentence)
        if found >= 0:
            return found, found + len(sentence)
    return None


def chart_series(
    periods: Sequence[Mapping[str, Any]],
    by: Period,
    link: Callable[..., str],
    alerts: Sequence[analysis.Alert] = (),
) -> dict[str, Any]:
    """Data for the cooperation/conflict chart: one point per period, each with the URL of
    the events behind it. Rendered by static/parley.js."""
    x = [row["period"] for row in periods]
    bounds = [(row["start"], period_end(row["start"], by)) for row in periods]
    traces = []
    for name, quads, color in (
        ("Cooperation", QUAD_GROUPS["cooperation"], "#2b7bba"),
        ("Conflict", QUAD_GROUPS["conflict"], "#d1495b"),
    ):
        traces.append(
            {
                "name": name,
                "x": x,
                "y": [sum(row[f"quad{q}"] for q in quads) for row in periods],
                "links": [
                    link(since=s, until=e, within=True, quad=name.lower()) for s, e in bounds
                ],
                "color": color,
            }
        )
    marks = []
    for alert in alerts:
        start, end = bounds[alert.index]
        marks.append(
            {
                "x": alert.label,
                "y": alert.value,
                "text": f"alert: {alert.direction} (baseline {alert.baseline:g})",
                "link": link(since=start, until=end, within=True, quad="conflict"),
            }
        )
    return {"traces": traces, "alerts": marks, "ytitle": "events"}


# --------------------------------------------------------------------------- the reader


class Reader:
    """The queries pages and API need, over one shared store, one query at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._cache_version: tuple[str, ...] = ()

    def run(self, query: Callable[[Store], T]) -> T:
        with self._lock:
            try:
                return query(self.store)
            except StoreError as exc:
                raise HTTPException(status_code=503, detail=f"store unavailable: {exc}") from None

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered until the next committed batch: the overview's
        store-wide aggregates cost a full scan but change only when data is committed."""
        version = self.run(lambda s: s.version())
        if version != self._cache_version:
            self._cache, self._cache_version = {}, version
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def top_relationships(self, limit: int = TOP_RELATIONSHIPS) -> list[dict[str, Any]]:
        """The busiest pairs over the whole store (the API's default page is cached too)."""
        rows = self.cached(
            ("relationships",), lambda: self.run(lambda s: s.relationships(limit=CACHED_PAIRS))
        )
        return rows[:limit]

    def open_alerts(self, by: Period = "week") -> list[dict[str, Any]]:
        """Conflict alerts of the most active relationships in the store's latest periods."""
        return self.cached(("open alerts", by), lambda: self.alerts(None, by, open_only=True))

    def alerts(
        self,
        pair: tuple[str, str] | None,
        by: Period,
        measure: str = "conflict",
        baseline: int = 12,
        threshold: float = 4.0,
        open_only: bool = False,
    ) -> list[dict[str, Any]]:
        """CUSUM alerts (see :mod:`parley.analysis`) for one pair or the busiest pairs."""

        def query(store: Store) -> tuple[dict[tuple[str, str], list[dict[str, Any]]], Any]:
            if pair is not None:
                series = {pair: store.trend(pair[0], pair[1], by=by)}
            else:
                series = store.pair_trends([(r["a"], r["b"]) for r in top], by=by)
            return series, store.latest_date()

        top = self.top_relationships() if pair is None else []
        series, latest = self.run(query)
        horizon = None
        if open_only and latest is not None:
            horizon = analysis.period_start(latest, by)
            for _ in range(OPEN_PERIODS - 1):
                horizon = analysis.period_start(horizon - dt.timedelta(days=1), by)
        found = []
        for (a, b), periods in series.items():
            for alert in analysis.trend_alerts(
                periods, measure, baseline=baseline, threshold=threshold
            ):
                start = periods[alert.index]["start"]
                if horizon is not None and start < horizon:
                    continue
                found.append(
                    {
                        "a": a,
                        "b": b,
                        "period": alert.label,
                        "start": start,
                        "end": period_end(start, by),
                        "measure": measure,
                        "value": alert.value,
                        "baseline": alert.baseline,
                        "z": round(alert.z, 2),
                        "score": round(alert.score, 2),
                        "direction": alert.direction,
                        "onset": periods[alert.onset]["period"],
                    }
                )
        found.sort(key=lambda row: (row["start"], row["score"]), reverse=True)
        return found


# --------------------------------------------------------------------------- the app


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parley", "templates"),
        autoescape=True,  # article text is untrusted: escape everything by default
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        event_url=event_url,
        actor_url=actor_url,
        pair_url=pair_url,
        events_link=_events_link,
        safe_url=safe_url,
        PLOVER_TYPES=PLOVER_TYPES,
    )
    env.filters["names"] = lambda values: ", ".join(v for v in values or () if v)
    return Jinja2Templates(env=env)


@lru_cache(maxsize=1)
def plotly_js() -> Path:
    """plotly.min.js as shipped in the plotly package: charts work with no internet."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():  # pragma: no cover - a broken plotly install
        raise RuntimeError(f"plotly.min.js is missing from the plotly package ({path})")
    return path


def create_app(store_path: str | os.PathLike[str]) -> FastAPI:
    """The dashboard and JSON API over the store at ``store_path`` (which must exist)."""
    path = Path(store_path)
    if not path.is_dir():
        raise StoreError(f"no store at {path}: run `parley ingest` first")
    # A DuckDB copy of the committed batches: pages filter and sort a million events
    # without decoding Parquet each time (extended as batches are committed).
    reader = Reader(Store(path, local_copy=True))
    templates = _templates()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Build the store's copy before the first request, not during it; a store that
        # cannot be read now answers 503 per request, as it would later.
        with contextlib.suppress(StoreError):
            reader.store.latest_date()
        yield
        reader.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="parley",
        summary="Event data on international relations, read-only.",
        description=(
            "Query the events, quotes, actors, trends and alerts in a parley store. "
            "Every endpoint is GET; dates are YYYY-MM-DD; countries ISO 3166 alpha-3."
        ),
        version="1",
    )
    app.state.reader = reader
    static = resources.files("parley") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=code)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api", "/openapi", "/docs", "/static"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            return page(request, "error.html", exc.status_code, status=exc.status_code,
                        message=str(exc.detail))  # fmt: skip
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in error['loc'][1:]) or 'request'}: {error['msg']}"
            for error in exc.errors()
        ]
        if wants_html(request):
            return page(request, "error.html", 422, status=422, message="; ".join(problems))
        return JSONResponse({"detail": "; ".join(problems)}, status_code=422)

    # ------------------------------------------------------------------- assets

    @app.get("/plotly.min.js", include_in_schema=False)
    def plotly_asset() -> FileResponse:
        return FileResponse(
            plotly_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    # ------------------------------------------------------------------- API

    @app.get("/api/events", tags=["events"], summary="Events, in the order they happened")
    def api_events(
        actor: ActorQ = None,
        actor_name: ActorNameQ = None,
        pair: PairQ = None,
        undirected: UndirectedQ = False,
        type: TypeQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        within: WithinQ = False,
        quad: QuadQ = None,
        text: TextQ = None,
        limit: int = limit_query(100),
        offset: OffsetQ = 0,
    ) -> list[dict[str, Any]]:
        filters = _event_filters(
            actor, actor_name, pair, undirected, type, since, until, within, quad, text
        )
        return reader.run(
            lambda s: s.find_events(**filters, limit=limit, offset=offset).to_pylist()
        )

    @app.get("/api/events/{article_id:path}/{index}", tags=["events"], summary="One event")
    def api_event(article_id: str, index: int) -> dict[str, Any]:
        return _event_or_404(reader, article_id, index)

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes, by publication date")
    def api_quotes(
        speaker: Annotated[str | None, Query(description="Speaker contains this.")] = None,
        country: Annotated[str | None, Query(description="Speaker country (ISO3).")] = None,
        text: TextQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        limit: int = limit_query(100),
    ) -> list[dict[str, Any]]:
        check_range(since, until)
        code = parse_country(country, "country") if country else None
        return reader.run(lambda s: s.quotes(speaker, code, text, since, until, limit).to_pylist())

    @app.get("/api/actors", tags=["actors"], summary="Actors, most often seen first")
    def api_actors(
        name: Annotated[str | None, Query(description="Name contains this.")] = None,
        country: Annotated[str | None, Query(description="Latest country (ISO3).")] = None,
        limit: int = limit_query(100),
    ) -> list[dict[str, Any]]:
        code = parse_country(country, "country") if country else None
        return reader.run(lambda s: s.actor_summaries(name, code, limit))

    @app.get("/api/actors/{name:path}", tags=["actors"], summary="One actor and who it deals with")
    def api_actor(name: str) -> dict[str, Any]:
        def query(s: Store) -> dict[str, Any] | None:
            profile = s.actor_profile(name)
            if profile is None:
                return None
            return {**profile, "counterparts": s.counterparts(profile["name"])}

        found = reader.run(query)
        if found is None:
            raise HTTPException(404, detail=f"no actor named {name!r}")
        return found

    @app.get("/api/trend", tags=["analysis"], summary="Events per period between two countries")
    def api_trend(
        pair: PairQ = None,
        by: PeriodQ = "week",
        directed: Annotated[bool, Query(description="Only the pair's first → second.")] = False,
        actor_name: ActorNameQ = None,
        type: TypeQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
    ) -> list[dict[str, Any]]:
        check_range(since, until)
        countries = parse_pair(pair) or (None, None)
        kind = parse_type(type)
        return reader.run(
            lambda s: s.trend(*countries, by=by, directed=directed, actor_name=actor_name,
                              type=kind, since=since, until=until)
        )  # fmt: skip

    @app.get("/api/alerts", tags=["analysis"], summary="Periods where conflict left its baseline")
    def api_alerts(
        pair: Annotated[
            str | None,
            Query(description="Country pair, e.g. USA,CHN; none: the most active pairs."),
        ] = None,
        by: PeriodQ = "week",
        measure: Annotated[
            Literal["conflict", "events", "quad1", "quad2", "quad3", "quad4", "conflict_share"],
            Query(description="The series watched."),
        ] = "conflict",
        baseline: Annotated[int, Query(ge=2, le=520, description="Periods of baseline.")] = 12,
        threshold: Annotated[float, Query(gt=0, le=100, description="CUSUM threshold h.")] = 4.0,
        open_only: Annotated[
            bool, Query(description=f"Only alerts in the last {OPEN_PERIODS} periods.")
        ] = False,
    ) -> list[dict[str, Any]]:
        countries = parse_pair(pair)
        defaults = measure == "conflict" and baseline == 12 and threshold == 4.0
        if countries is None and open_only and defaults:
            return reader.open_alerts(by)  # what the overview shows: cached per commit
        return reader.alerts(countries, by, measure, baseline, threshold, open_only)

    @app.get("/api/relationships", tags=["analysis"], summary="Most active country pairs")
    def api_relationships(
        since: SinceQ = None, until: UntilQ = None, limit: int = limit_query(20)
    ) -> list[dict[str, Any]]:
        check_range(since, until)
        if since is None and until is None and limit <= CACHED_PAIRS:
            return reader.top_relationships(limit)
        return reader.run(lambda s: s.relationships(since, until, limit))

    @app.get("/api/articles", tags=["articles"], summary="Stored articles, by publication date")
    def api_articles(
        source: Annotated[str | None, Query(description="Outlet name (any case).")] = None,
        text: Annotated[str | None, Query(description="Title or text contains this.")] = None,
        since: SinceQ = None,
        until: UntilQ = None,
        limit: int = limit_query(20),
    ) -> list[dict[str, Any]]:
        check_range(since, until)
        return reader.run(lambda s: s.articles(None, source, text, since, until, limit).to_pylist())

    @app.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article")
    def api_article(article_id: str) -> dict[str, Any]:
        found = reader.run(lambda s: s.article(article_id))
        if found is None:
            raise HTTPException(404, detail=f"no article {article_id!r}")
        return found

    @app.get("/api/search", tags=["search"], summary="Events, actors and quotes matching text")
    def api_search(
        q: Annotated[str, Query(min_length=2, max_length=200, description="Text to find.")],
        limit: int = limit_query(20),
    ) -> dict[str, list[dict[str, Any]]]:
        return _search(reader, q, limit)

    # ------------------------------------------------------------------- pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        latest = reader.run(lambda s: s.find_events(newest_first=True, limit=15).to_pylist())
        pairs = reader.top_relationships()
        chart = {
            "kind": "bar",
            "traces": [
                {
                    "name": name.capitalize(),
                    "x": [f"{r['a']}–{r['b']}" for r in pairs],
                    "y": [r[name] for r in pairs],
                    "links": [pair_url(r["a"], r["b"]) for r in pairs],
                    "color": color,
                }
                for name, color in (("cooperation", "#2b7bba"), ("conflict", "#d1495b"))
            ],
            "alerts": [],
            "ytitle": "events",
        }
        return page(request, "overview.html", latest=latest, pairs=pairs, chart=chart,
                    alerts=reader.open_alerts())  # fmt: skip

    @app.get("/relationships/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def relationship(
        request: Request,
        a: str,
        b: str,
        by: PeriodQ = "week",
        directed: bool = False,
        since: SinceQ = None,
        until: UntilQ = None,
    ) -> HTMLResponse:
        check_range(since, until)
        a, b = parse_country(a, "a"), parse_country(b, "b")
        periods, events = reader.run(
            lambda s: (
                s.trend(a, b, by=by, directed=directed, since=since, until=until),
                s.find_events(countries=(a, b), undirected=not directed, since=since,
                              until=until, newest_first=True, limit=50).to_pylist(),
            )
        )  # fmt: skip
        alerts = analysis.trend_alerts(periods, "conflict")

        def link(**params: Any) -> str:
            return _events_link(pair=(a, b), undirected=not directed, **params)

        chart = chart_series(periods, by, link, alerts)
        rows = [
            {**row, "cooperation": row["quad1"] + row["quad2"], "link": trace_link}
            for row, trace_link in zip(periods, _period_links(periods, by, link), strict=True)
            if row["events"]
        ]
        return page(request, "relationship.html", a=a, b=b, by=by, directed=directed,
                    chart=chart, periods=rows, events=events,
                    alerts=[periods[x.index] | {"alert": x, "link": mark["link"]}
                            for x, mark in zip(alerts, chart["alerts"], strict=True)],
                    all_link=link(since=since, until=until))  # fmt: skip

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor(request: Request, name: str, by: PeriodQ = "month") -> HTMLResponse:
        def query(s: Store) -> tuple[Any, ...]:
            profile = s.actor_profile(name)  # any case; then the name as stored
            if profile is None:
                return (None,)
            stored = profile["name"]
            return (
                profile,
                s.trend(by=by, actor_name=stored),
                s.find_events(actor_name=stored, limit=200).to_pylist(),
                s.actor_quotes(stored, limit=50).to_pylist(),
                s.counterparts(stored),
            )

        found = reader.run(query)
        if found[0] is None:
            raise HTTPException(404, detail=f"no actor named {name!r}")
        profile, periods, events, quotes, partners = found

        def link(**params: Any) -> str:
            return _events_link(actor_name=profile["name"], **params)

        return page(request, "actor.html", profile=profile, by=by,
                    chart=chart_series(periods, by, link), events=analysis.timeline(events),
                    quotes=quotes, partners=partners, all_link=link())  # fmt: skip

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        actor: ActorQ = None,
        actor_name: ActorNameQ = None,
        pair: PairQ = None,
        undirected: UndirectedQ = False,
        type: TypeQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        within: WithinQ = False,
        quad: QuadQ = None,
        text: TextQ = None,
        limit: int = limit_query(100),
        offset: OffsetQ = 0,
    ) -> HTMLResponse:
        filters = _event_filters(
            actor, actor_name, pair, undirected, type, since, until, within, quad, text
        )
        rows, total = reader.run(
            lambda s: (s.find_events(**filters, limit=limit, offset=offset).to_pylist(),
                       s.count_events(**filters))
        )  # fmt: skip
        shown = {k: v for k, v in request.query_params.items() if k not in ("offset", "limit")}
        more = None
        if offset + limit < total:
            more = "/events?" + urlencode({**shown, "offset": offset + limit, "limit": limit})
        return page(request, "events.html", events=rows, total=total, offset=offset,
                    filters=shown, more=more)  # fmt: skip

    @app.get(
        "/events/{article_id:path}/{index}", response_class=HTMLResponse, include_in_schema=False
    )
    def event_page(request: Request, article_id: str, index: int) -> HTMLResponse:
        row = _event_or_404(reader, article_id, index)
        rows, total = _happening_rows(reader, row)
        mentions = [_mention(reader, mention) for mention in rows]
        return page(
            request,
            "event.html",
            event=row,
            mentions=mentions,
            mention_total=total,
            happening_id=row.get("happening_id"),
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, q: Annotated[str, Query(max_length=200)] = ""
    ) -> HTMLResponse:
        found = _search(reader, q, 50) if len(q.strip()) >= 2 else None
        return page(request, "search.html", q=q, found=found)

    return app


def _event_filters(
    actor: str | None,
    actor_name: str | None,
    pair: str | None,
    undirected: bool,
    type: str | None,
    since: dt.date | None,
    until: dt.date | None,
    within: bool,
    quad: str | None,
    text: str | None,
) -> dict[str, Any]:
    """Query parameters checked and turned into :meth:`Store.find_events` arguments."""
    check_range(since, until)
    return {
        "actor": actor or None,
        "actor_name": actor_name or None,
        "countries": parse_pair(pair),
        "undirected": undirected,
        "type": parse_type(type),
        "since": since,
        "until": until,
        "within": within,
        "quad_classes": parse_quad(quad),
        "text": text or None,
    }


def _period_links(
    periods: Sequence[Mapping[str, Any]], by: Period, link: Callable[..., str]
) -> list[str]:
    return [
        link(since=row["start"], until=period_end(row["start"], by), within=True) for row in periods
    ]


def _event_or_404(reader: Reader, article_id: str, index: int) -> dict[str, Any]:
    row = reader.run(lambda s: s.event(article_id, index))
    if row is None:
        raise HTTPException(404, detail=f"no event {index} in article {article_id!r}")
    return row


def _happening_rows(
    reader: Reader, row: Mapping[str, Any], limit: int = MAX_MENTIONS
) -> tuple[list[dict[str, Any]], int]:
    """Every mention of the event's happening (this one first, then as reported) and how
    many there are; at most ``limit`` are returned so a huge happening stays one page."""
    happening = row.get("happening_id")
    if not happening:  # stored before deduplication: the event is its own happening
        return [dict(row)], 1

    def query(s: Store) -> tuple[list[dict[str, Any]], int]:
        found, total = s.happening_events(happening, limit)
        this = (row["article_id"], int(row["event_index"]))
        others = [m for m in found if (m["article_id"], int(m["event_index"])) != this]
        return [dict(row), *others[: max(limit - 1, 0)]], max(total, 1)

    return reader.run(query)


def _mention(reader: Reader, row: Mapping[str, Any]) -> dict[str, Any]:
    """One mention of an event: its article, the text cut into highlighted pieces."""
    article, actors = reader.run(
        lambda s: (s.article(row["article_id"]), s.article_actors(row["article_id"]))
    )
    if article is None:  # an event without its article: show the sentence alone
        return {"event": row, "article": None, "pieces": [], "found": False}
    text = article["text"] or ""
    spans: list[tuple[int, int, str]] = []
    evidence = evidence_span(text, row)
    if evidence:
        spans.append((*evidence, "evidence"))
    roles = {i: "actor" for i in row.get("actor_ids") or ()}
    roles.update({i: "recipient" for i in row.get("recipient_ids") or ()})
    for found in actors:
        role = roles.get(found["actor_id"])
        if role:
            spans.extend((m[0], m[1], role) for m in found["mentions"] or () if len(m) == 2)
    return {
        "event": row,
        "article": article,
        "pieces": highlight(text, spans),
        "found": evidence is not None,
    }


def _search(reader: Reader, q: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    text = q.strip()

    def query(s: Store) -> dict[str, list[dict[str, Any]]]:
        quotes = s.quotes(text=text, limit=limit).to_pylist()
        seen = {(r["article_id"], r["quote_index"]) for r in quotes}
        by_speaker = s.quotes(speaker=text, limit=limit).to_pylist()
        quotes += [r for r in by_speaker if (r["article_id"], r["quote_index"]) not in seen]
        return {
            "events": s.find_events(text=text, newest_first=True, limit=limit).to_pylist(),
            "actors": s.actor_summaries(name=text, limit=limit),
            "quotes": quotes[:limit],
        }

    return reader.run(query)


def serve(store_path: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the dashboard with uvicorn (local only unless ``host`` says otherwise)."""
    import uvicorn

    uvicorn.run(create_app(store_path), host=host, port=port, log_level="info")
