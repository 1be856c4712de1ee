"""The ``parley`` command line: extract, ingest, query, demo."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from parley import analysis, exports, sources
from parley.records import Article, Extraction, InputProblem
from parley.store import READ_COPY, NewArticles, Store, StoreError

if TYPE_CHECKING:
    from parley.actors import KnownActors

app = typer.Typer(
    help="Dated news in, event data on international relations out.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DEFAULT_STORE = "parley-data"


def _reader(store: Path) -> Store:
    """The store for a query command: read through the DuckDB copy kept in the store
    folder, so a query over millions of events reads its pair's rows, not every file."""
    return Store(store, local_copy=Path(store) / READ_COPY)


StoreOption = Annotated[Path, typer.Option("--store", help="Store directory.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy pipeline (package name or path).")
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Date (YYYY-MM-DD) for inputs that lack one.")
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", help="Inputs larger than this are refused.")
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")]
# The founding example sits beside a checkout of the repository (../shared), never in the package.
FOUNDING_EXAMPLE = Path("..") / "shared" / "examples" / "seed.txt"
FoundingOption = Annotated[
    Path, typer.Option("--founding", help="The founding example, ingested when the file exists.")
]


_PROGRESS_COLUMNS = (
    SpinnerColumn(),
    TextColumn("{task.description}"),
    BarColumn(),
    MofNCompleteColumn(),
    TimeElapsedColumn(),
)


class _ProblemLog:
    """Reports each bad input on one line of stderr and remembers that one happened."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, problem: InputProblem | str) -> None:
        self.count += 1
        err.print(f"[red]error[/red] {problem}", highlight=False, markup=True)

    def articles(self, items: Iterable[Article | InputProblem]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputProblem):
                self.report(item)
            else:
                yield item


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


def _read_inputs(paths: list[str], published: dt.date | None, max_bytes: int):
    if not paths or paths == ["-"]:
        return sources.read_stream(
            sys.stdin.buffer, "<stdin>", published=published, max_bytes=max_bytes
        )
    return sources.read(paths, published=published, max_bytes=max_bytes)


def _load_model(model: str | None):
    from parley import nlp  # spaCy loads only for commands that parse (fast queries)

    try:
        return nlp.load(model)
    except nlp.ModelNotFound as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None


def _extractions(
    articles: Iterable[Article], model: str | None, known: KnownActors | None, log: _ProblemLog
) -> Iterator[Extraction]:
    from parley import pipeline

    for result in pipeline.extract(articles, _load_model(model), known=known):
        if isinstance(result, InputProblem):
            log.report(result)
        else:
            yield result


@app.command()
def extract(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or directories; none or - reads stdin.")
    ] = None,
    published: PublishedOption = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "json",
    model: ModelOption = None,
    max_bytes: MaxBytesOption = sources.DEFAULT_MAX_BYTES,
) -> None:
    """Print what each document holds: one JSON object per document (or a table)."""
    if output_format not in ("json", "table"):
        raise typer.BadParameter("use json or table", param_hint="--format")
    log = _ProblemLog()
    inputs = _read_inputs(paths or [], _parse_date(published, "--published"), max_bytes)
    for extraction in _extractions(log.articles(inputs), model, None, log):
        if output_format == "json":
            sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_extraction(extraction)
    raise typer.Exit(1 if log.count else 0)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to store.")],
    store: StoreOption = Path(DEFAULT_STORE),
    published: PublishedOption = None,
    model: ModelOption = None,
    max_bytes: MaxBytesOption = sources.DEFAULT_MAX_BYTES,
    engine: Annotated[
        str, typer.Option(help="local (this process) or spark (Spark executors, Java 17+).")
    ] = "local",
    workers: Annotated[int, typer.Option(help="With --engine spark: local cores.")] = 2,
    master: Annotated[
        str | None, typer.Option(help="With --engine spark: a Spark master URL.")
    ] = None,
) -> None:
    """Extract and store articles; an article already stored is skipped."""
    log = _ProblemLog()
    day = _parse_date(published, "--published")
    if engine == "local":
        report = _ingest(paths, Store(store), day, model, max_bytes, log)
    elif engine == "spark":
        report = _ingest_spark(paths, store, day, model, max_bytes, workers, master, log)
    else:
        raise typer.BadParameter(f"{engine!r}: use local or spark", param_hint="--engine")
    err.print(
        f"stored {report.articles_new} new articles ({report.articles_skipped} already stored), "
        f"{report.events} events, {report.quotes} quotes in {store}"
    )
    raise typer.Exit(1 if log.count else 0)


def _ingest(paths, store: Store, published, model, max_bytes, log: _ProblemLog):
    from parley.actors import KnownActors

    known = KnownActors.from_records(store.known_actors_records())
    skipped = 0

    def skip(_: Article) -> None:
        nonlocal skipped
        skipped += 1  # parse nothing twice: the store would skip it anyway
        progress.advance(task)

    with Progress(*_PROGRESS_COLUMNS, console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        articles = NewArticles(store).filter(
            log.articles(sources.read(paths, published=published, max_bytes=max_bytes)),
            lambda article: article.id,
            skip,
        )
        report = store.ingest(
            _extractions(articles, model, known, log), progress=lambda n: progress.advance(task, n)
        )
    report.articles_skipped += skipped
    return report


def _ingest_spark(paths, store: Path, published, model, max_bytes, workers, master, log):
    from parley import scale  # imports nothing of Spark until it runs

    try:
        with Progress(*_PROGRESS_COLUMNS, console=err, transient=True) as progress:
            task = progress.add_task("ingesting on Spark", total=None)
            return scale.ingest_spark(
                paths, store, workers=workers, model=model, published=published,
                max_bytes=max_bytes, master=master, on_problem=log.report,
                progress=lambda n: progress.advance(task, n),
            )  # fmt: skip
    except (scale.SparkUnavailable, ValueError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    store: StoreOption = Path(DEFAULT_STORE),
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for each download.")] = 10.0,
    max_bytes: MaxBytesOption = sources.DEFAULT_MAX_BYTES,
    model: ModelOption = None,
) -> None:
    """Poll news feeds, fetch each new item's page and ingest it, until Ctrl-C."""
    import logging

    from parley import feeds as feed_module

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    try:
        report = feed_module.watch(
            feeds, Store(store), interval=interval, once=once, timeout=timeout,
            max_bytes=max_bytes, model=model,
        )  # fmt: skip
    except KeyboardInterrupt:
        err.print("stopped; everything fetched so far is stored")
        return
    # only --once returns: a failed feed or page is then the caller's business
    raise typer.Exit(1 if report.feeds_failed or report.pages_failed else 0)


actors_app = typer.Typer(
    help="What the store knows of each actor: list, show, correct.", no_args_is_help=True
)
app.add_typer(actors_app, name="actors")

# PLOVER's sector codes (the manual's sector table).
PLOVER_SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
ACTOR_COLUMNS = {
    "name": "name",
    "country": "country",
    "sector": "sector",
    "role": "role",
    "kind": "kind",
    "articles": "articles",
    "first_seen": "first seen",
    "last_seen": "last seen",
}
ROLE_COLUMNS = {
    "role": "role",
    "country": "country",
    "sector": "sector",
    "first_seen": "first seen",
    "last_seen": "last seen",
    "articles": "articles",
}
CORRECTION_COLUMNS = {
    "name": "name",
    "country": "country",
    "sector": "sector",
    "role": "role",
    "note": "note",
    "corrected_at": "corrected at",
}


@actors_app.command("list")
def actors_list(
    store: StoreOption = Path(DEFAULT_STORE),
    name: Annotated[str | None, typer.Option(help="Name contains this.")] = None,
    country: Annotated[str | None, typer.Option(help="Latest country (ISO3).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    output_format: FormatOption = "table",
) -> None:
    """Actors in the store, most often seen first (corrections applied)."""
    rows = _reader(store).actor_summaries(name=name, country=country, limit=limit)
    _emit(rows, output_format, ACTOR_COLUMNS)


@actors_app.command("show")
def actors_show(
    name: Annotated[str, typer.Argument(help="An actor name, as listed.")],
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """One actor: what it is now, each role it was seen with and when, who it deals with."""
    db = _reader(store)
    profile = db.actor_profile(name)
    if profile is None:
        err.print(f"[red]error[/red] {name!r} is not in {store}", highlight=False)
        raise typer.Exit(1)
    out.rule(f"[bold]{profile['name']}", align="left")
    out.print(
        f"{profile['country'] or '?'} {profile['sector'] or ''}  {profile['role'] or ''}  "
        f"({profile['articles']} articles, {profile['first_seen']} to {profile['last_seen']})",
        highlight=False,
    )
    correction = next(
        (c for c in reversed(db.actor_corrections()) if c["name"].lower() == name.lower()), None
    )
    if correction is not None:
        out.print(f"corrected {correction['corrected_at']}: {correction.get('note') or ''}")
    _emit(db.actor_roles(name), "table", ROLE_COLUMNS, title="Roles, as seen over time")
    others = db.counterparts(profile["name"], limit=10)
    _emit(others, "table", {"name": "deals with", "country": "country", "events": "events",
                            "cooperation": "cooperation", "conflict": "conflict"})  # fmt: skip


@actors_app.command("correct")
def actors_correct(
    name: Annotated[str, typer.Argument(help="The actor name to correct.")],
    store: StoreOption = Path(DEFAULT_STORE),
    country: Annotated[
        str | None, typer.Option(help="ISO3 code, or IGO, UNO, EUR, NGO, MNC, IMG.")
    ] = None,
    sector: Annotated[str | None, typer.Option(help="PLOVER sector, e.g. GOV, MIL.")] = None,
    role: Annotated[str | None, typer.Option(help="Role text, e.g. Foreign Minister.")] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the correction).")] = None,
) -> None:
    """Correct what the store says of an actor. Stored rows show it at once; later
    ingests (and re-ingests) code the name with it."""
    if country is not None:
        country = country.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", country):
            raise typer.BadParameter(f"{country!r} is not a 3-letter code", param_hint="--country")
    if sector is not None:
        sector = sector.strip().upper()
        if sector not in PLOVER_SECTORS:
            raise typer.BadParameter(
                f"{sector!r}: use one of {', '.join(sorted(PLOVER_SECTORS))}",
                param_hint="--sector",
            )
    if not (country or sector or role):
        raise typer.BadParameter("give --country, --sector or --role")
    try:
        row = Store(store).correct_actor(name, country, sector, role, note)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    err.print(f"corrected {row['name']} in {store}", highlight=False)


@actors_app.command("corrections")
def actors_corrections(
    store: StoreOption = Path(DEFAULT_STORE), output_format: FormatOption = "table"
) -> None:
    """Every correction made, oldest first."""
    _emit(Store(store).actor_corrections(), output_format, CORRECTION_COLUMNS)


@app.command()
def events(
    store: StoreOption = Path(DEFAULT_STORE),
    actor: Annotated[str | None, typer.Option(help="Actor name contains this.")] = None,
    pair: Annotated[
        tuple[str, str] | None, typer.Option(help="Actor and recipient country, e.g. USA CHN.")
    ] = None,
    undirected: Annotated[bool, typer.Option(help="With --pair: either direction.")] = False,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    output_format: FormatOption = "table",
    dedup: Annotated[
        bool, typer.Option("--dedup", help="One row per happening, with its counts.")
    ] = False,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="Each happening with every report of it.")
    ] = False,
) -> None:
    """Query stored events (each report of a happening, or one row per happening)."""
    db = _reader(store)
    table = db.events(
        actor=actor,
        countries=tuple(c.upper() for c in pair) if pair else None,
        undirected=undirected,
        type=event_type.upper() if event_type else None,
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        limit=limit,
        dedup=dedup or mentions,
    )
    rows = table.to_pylist()
    if not mentions:
        _emit(rows, output_format, HAPPENING_COLUMNS if dedup else EVENT_COLUMNS)
        return
    by_happening: dict[str, list[dict[str, Any]]] = {}
    for mention in db.mentions(row["happening_id"] for row in rows):
        by_happening.setdefault(mention["happening_id"], []).append(mention)
    for row in rows:
        row["reports"] = by_happening.get(row["happening_id"], [])
    if output_format != "table":
        _emit(rows, output_format, HAPPENING_COLUMNS)
        return
    for row in rows:
        _print_happening(row)


@app.command()
def explain(
    happening_id: Annotated[str, typer.Argument(help="A happening id (parley events --dedup).")],
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """Say why reports were merged into one happening: what matched, report by report."""
    db = _reader(store)
    state = db.happening(happening_id)
    lines = db.explain(happening_id)
    if not lines:
        err.print(f"[red]error[/red] no happening {happening_id} in {store}")
        raise typer.Exit(1)
    if state is not None:
        out.print(
            f"[bold]{happening_id}[/bold] {state['type']} ({state['status']}) {state['date']}: "
            f"{state['mention_count']} mentions, {state['article_count']} articles, "
            f"{state['source_count']} sources",
            highlight=False,
        )
    for line in lines:
        out.print(f"  {line}", highlight=False, markup=False)


@app.command()
def quotes(
    store: StoreOption = Path(DEFAULT_STORE),
    speaker: Annotated[str | None, typer.Option(help="Speaker name contains this.")] = None,
    country: Annotated[str | None, typer.Option(help="Speaker country (ISO3).")] = None,
    text: Annotated[str | None, typer.Option(help="Quote contains this.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    output_format: FormatOption = "table",
) -> None:
    """Query stored quotes."""
    table = _reader(store).quotes(
        speaker=speaker,
        country=country.upper() if country else None,
        text=text,
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        limit=limit,
    )
    _emit(table.to_pylist(), output_format, QUOTE_COLUMNS)


PairArgument = Annotated[
    tuple[str, str] | None, typer.Option("--pair", help="Two countries, e.g. USA CHN.")
]
PeriodOption = Annotated[str, typer.Option("--by", help="day, week or month.")]


def _period(by: str) -> str:
    if by not in ("day", "week", "month"):
        raise typer.BadParameter("use day, week or month", param_hint="--by")
    return by


@app.command()
def trend(
    a: Annotated[str, typer.Argument(help="A country (ISO3), e.g. USA.")],
    b: Annotated[str, typer.Argument(help="Another country, e.g. CHN.")],
    store: StoreOption = Path(DEFAULT_STORE),
    by: PeriodOption = "week",
    directed: Annotated[bool, typer.Option(help="Only A acting on B.")] = False,
    output_format: FormatOption = "table",
) -> None:
    """A relationship per period: events by QuadClass, Goldstein sum and mean, happenings.

    An event counts in a period only when its whole date lies in it (a month-precise
    event is in no week).
    """
    rows = _reader(store).trend(a.upper(), b.upper(), by=_period(by), directed=directed)
    _emit(rows, output_format, TREND_COLUMNS, title=f"{a.upper()} - {b.upper()} by {by}")


@app.command()
def alerts(
    store: StoreOption = Path(DEFAULT_STORE),
    pair: PairArgument = None,
    by: PeriodOption = "week",
    threshold: Annotated[float, typer.Option(help="CUSUM threshold h, in sigmas.")] = 4.0,
    drift: Annotated[float, typer.Option(help="CUSUM allowance k, in sigmas.")] = 0.5,
    baseline: Annotated[int, typer.Option(help="Periods in the rolling baseline.")] = 12,
    measure: Annotated[str, typer.Option(help="conflict or conflict_share.")] = "conflict",
    direction: Annotated[str, typer.Option(help="up, down or both.")] = "up",
    min_count: Annotated[
        float, typer.Option(help="Counts: ignore periods where value and baseline are below.")
    ] = 3.0,
    top: Annotated[int, typer.Option(help="Without --pair: the busiest pairs watched.")] = 20,
    output_format: FormatOption = "table",
) -> None:
    """Relationships whose conflict departs from their own baseline (robust CUSUM).

    See docs/alerts.md for the method and how to choose the parameters.
    """
    if measure not in ("conflict", "conflict_share"):
        raise typer.BadParameter("use conflict or conflict_share", param_hint="--measure")
    if direction not in ("up", "down", "both"):
        raise typer.BadParameter("use up, down or both", param_hint="--direction")
    db = _reader(store)
    if pair:
        pairs = [(pair[0].upper(), pair[1].upper())]
    else:
        pairs = [(r["a"], r["b"]) for r in db.relationships(limit=top)]
    options: dict[str, Any] = {
        "threshold": threshold, "drift": drift, "baseline": baseline, "direction": direction,
    }  # fmt: skip
    if measure == "conflict_share":
        options["min_scale"] = 0.05  # a share: a 5-point floor on the scale
    else:
        options["min_count"] = min_count
    found = []
    try:
        series = db.pair_trends(pairs, by=_period(by))
        for (x, y), periods in series.items():
            for alert in analysis.trend_alerts(periods, measure, **options):
                found.append(
                    {
                        "pair": f"{x}-{y}",
                        "period": alert.label,
                        "direction": alert.direction,
                        "measure": measure,
                        "value": round(alert.value, 3),
                        "baseline": round(alert.baseline, 3),
                        "scale": round(alert.scale, 3),
                        "z": round(alert.z, 2),
                        "score": round(alert.score, 2),
                        "onset": periods[alert.onset]["period"],
                    }
                )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    found.sort(key=lambda row: (row["period"], row["pair"]))
    _emit(found, output_format, ALERT_COLUMNS, title=f"Alerts ({measure} by {by})")


@app.command()
def timeline(
    store: StoreOption = Path(DEFAULT_STORE),
    actor: Annotated[str | None, typer.Option(help="Actor name contains this.")] = None,
    pair: PairArgument = None,
    dedup: Annotated[bool, typer.Option("--dedup", help="One row per happening.")] = False,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    output_format: FormatOption = "table",
) -> None:
    """What happened, in the order it happened (event date, not publication)."""
    if not actor and not pair:
        raise typer.BadParameter("give --actor NAME or --pair A B")
    table = _reader(store).events(
        actor=actor,
        countries=(pair[0].upper(), pair[1].upper()) if pair else None,
        undirected=True,
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        dedup=dedup,
    )
    rows = [dict(row) for row in analysis.timeline(table.to_pylist())][:limit]
    if output_format == "table":
        _print_timeline(rows)
    else:
        _emit(rows, output_format, HAPPENING_COLUMNS if dedup else EVENT_COLUMNS)


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="events, happenings, quotes or actors.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="csv, jsonl, parquet, plover or gdelt.")
    ] = "jsonl",
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """Write stored rows to a file: CSV, JSONL, Parquet, PLOVER JSON or GDELT 2.0.

    ``plover``: one PLOVER JSON record per event report (JSONL; ``link`` is the
    happening). ``gdelt``: the GDELT 2.0 event table, one line per happening, 61
    tab-separated columns, no header.
    """
    if what not in ("events", "happenings", "quotes", "actors"):
        raise typer.BadParameter("use events, happenings, quotes or actors", param_hint="WHAT")
    db = _reader(store)
    if output_format in ("csv", "jsonl", "parquet"):
        try:
            count = db.export(what, output, output_format)
        except StoreError as exc:
            err.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
    elif output_format in ("plover", "gdelt"):
        if what != "events":
            raise typer.BadParameter(f"{output_format} holds events only", param_hint="WHAT")
        count = 0
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            if output_format == "plover":
                for batch in db.export_batches("events"):
                    for row in batch:
                        handle.write(json.dumps(exports.plover_record(row), default=str) + "\n")
                    count += len(batch)
            else:
                for batch in db.export_batches("happenings"):
                    handle.writelines(exports.gdelt_line(row) + "\n" for row in batch)
                    count += len(batch)
    else:
        raise typer.BadParameter("use csv, jsonl, parquet, plover or gdelt", param_hint="--format")
    err.print(f"wrote {count} rows ({what}, {output_format}) to {output}")


@app.command()
def demo(
    store: StoreOption = Path(DEFAULT_STORE),
    model: ModelOption = None,
    founding: FoundingOption = FOUNDING_EXAMPLE,
) -> None:
    """Ingest the founding example and the bundled example articles; show what was found."""
    folder = resources.files("parley") / "examples"
    with resources.as_file(folder) as path:
        log = _ProblemLog()
        # The founding example is reference data, not part of the package: it is read from
        # beside the repository when it is there.
        inputs = [str(founding)] if founding.is_file() else []
        report = _ingest(
            [*inputs, str(path)], Store(store), None, model, sources.DEFAULT_MAX_BYTES, log
        )
    out.rule("[bold]parley demo")
    if inputs:
        out.print(f"the founding example: [bold]{founding}[/bold], and the bundled examples")
    out.print(
        f"{report.articles_new} new articles stored in [bold]{store}[/bold] "
        f"({report.articles_skipped} were already there)"
    )
    db = _reader(store)
    _emit(
        db.events().to_pylist(), "table", EVENT_COLUMNS, title="Events, in the order they happened"
    )
    _print_timeline(db.events().to_pylist())
    _emit(db.quotes().to_pylist(), "table", QUOTE_COLUMNS, title="Quotes")
    pair = "USA CHN" if inputs else "KOR JPN"
    out.print(
        f"Next: [bold]parley events --pair {pair} --undirected[/bold], "
        "[bold]parley extract FILE --format table[/bold]"
    )
    raise typer.Exit(1 if log.count else 0)


_PROSE_COLUMNS = frozenset({"sentence", "text"})
_NAME_COLUMNS = frozenset(
    {"actor_names", "recipient_names", "location_name", "speaker_name", "via", "name", "role"}
)
HAPPENING_COLUMNS = {
    "happening_id": "happening",
    "date": "date",
    "type": "type",
    "status": "status",
    "actor_names": "actor",
    "recipient_names": "recipient",
    "location_name": "where",
    "mentions": "mentions",
    "articles": "articles",
    "sources": "sources",
    "sentence": "first report",
}
TREND_COLUMNS = {
    "period": "period",
    "events": "events",
    "happenings": "happenings",
    "quad1": "verbal coop",
    "quad2": "material coop",
    "quad3": "verbal conflict",
    "quad4": "material conflict",
    "goldstein_sum": "goldstein sum",
    "goldstein_mean": "goldstein mean",
}
ALERT_COLUMNS = {
    "pair": "pair",
    "period": "period",
    "direction": "direction",
    "measure": "measure",
    "value": "value",
    "baseline": "baseline",
    "z": "z",
    "onset": "since",
}
EVENT_COLUMNS = {
    "date": "date",
    "type": "type",
    "status": "status",
    "actor_names": "actor",
    "recipient_names": "recipient",
    "location_name": "where",
    "sentence": "evidence",
}
QUOTE_COLUMNS = {
    "published": "published",
    "speaker_name": "speaker",
    "speaker_country": "country",
    "text": "quote",
    "via": "via",
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _emit(
    rows: list[dict[str, Any]],
    output_format: str,
    columns: dict[str, str],
    title: str | None = None,
) -> None:
    if output_format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif output_format == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    elif output_format == "table":
        table = Table(title=title, show_lines=True)
        for key, header in columns.items():
            if key in _PROSE_COLUMNS:  # sentences and quotes take the width that is left
                table.add_column(header, overflow="fold", ratio=3, min_width=20)
            elif key in _NAME_COLUMNS:
                table.add_column(header, overflow="fold", ratio=1, min_width=12)
            else:  # dates, codes, numbers: never broken across lines
                table.add_column(header, no_wrap=True)
        for row in rows:
            # whitespace collapsed: a sentence's line breaks would leave blank rows
            table.add_row(*(" ".join(_cell(row.get(key)).split()) for key in columns))
        out.print(table)
    else:
        raise typer.BadParameter("use table, jsonl or csv", param_hint="--format")


def _print_happening(row: dict[str, Any]) -> None:
    who, whom = _cell(row["actor_names"]), _cell(row["recipient_names"])
    arrow = f" -> {whom}" if whom else ""
    out.rule(f"{row['happening_id']}  {row['date']}  {row['type']}", align="left")
    out.print(
        f"{who}{arrow} ({row['status']}): {row['mentions']} mentions, {row['articles']} "
        f"articles, {row['sources']} sources",
        highlight=False,
    )
    for report in row["reports"]:
        out.print(
            f"  {report['published']}  {report['source'] or '?'}  {report['article_id']}"
            f"#{report['event_index']}: {report['sentence']}",
            highlight=False,
            markup=False,
        )


def _print_timeline(rows: list[dict[str, Any]]) -> None:
    out.rule("Timeline")
    for row in rows:
        who = _cell(row["actor_names"])
        whom = _cell(row["recipient_names"])
        arrow = f" -> {whom}" if whom else ""
        flag = "" if row["status"] == "occurred" else f" ({row['status']})"
        out.print(f"{row['date']:>10}  {row['type']:<9} {who}{arrow}{flag}", highlight=False)


def _print_extraction(extraction: Extraction) -> None:
    article = extraction.article
    names = {a.id: a.name for a in extraction.actors}
    out.rule(f"{article.id}  {article.published}  {article.title or ''}")
    for a in extraction.actors:
        facts = ", ".join(x for x in (a.country, a.sector, a.role) if x)
        out.print(f"[bold]{a.name}[/bold] ({facts}), {len(a.mentions)} mentions", highlight=False)
    table = Table(show_lines=True)
    for header in ("date", "type", "status", "actor", "recipient", "where", "evidence", "why"):
        table.add_column(header, overflow="fold")
    for e in extraction.events:
        table.add_row(
            f"{e.date} ({e.date_precision})",
            e.type,
            e.status,
            ", ".join(names.get(i, i) for i in e.actor),
            ", ".join(names.get(i, i) for i in e.recipient),
            e.location.name if e.location else "",
            e.sentence,
            e.why,
        )
    out.print(table)
    for q in extraction.quotes:
        speaker = names.get(q.speaker or "", q.speaker_text or "?")
        via = f" (via {q.via})" if q.via else ""
        out.print(f"[bold]{speaker}[/bold]{via}: “{q.text}”", highlight=False)


@app.command()
def serve(
    store: StoreOption = Path(DEFAULT_STORE),
    host: Annotated[
        str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the dashboard and the read-only JSON API over a store."""
    from parley import web  # FastAPI is only imported by the command that needs it

    try:
        web.serve(store, host=host, port=port)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
