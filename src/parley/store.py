"""The embedded store: Parquet files committed in batches, queried through DuckDB.

This is the only module that touches DuckDB or Parquet. Layout (a Spark job may later
write the same one)::

    <store>/articles/part-<batch>.parquet   one part file per table per batch
    <store>/events/part-<batch>.parquet
    <store>/actors/...  <store>/quotes/...  <store>/timexes/...
    <store>/commits/<batch>.json            the manifest of one committed batch

A batch becomes visible when its manifest appears. Part files and manifests are written
to a temporary name and moved into place with ``os.replace``, the manifest last, so a
killed ingest leaves the store readable and loses nothing already committed; the part
files of a batch that never got its manifest are ignored by readers and deleted by the
next writer. Readers take no lock: each query runs in an in-memory DuckDB connection
over the files of the committed batches, so the store can be read while an ingest runs.
A lock file (``fcntl.flock``) keeps two ingests from writing at once.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from parley.records import Actor, Extraction

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no cross-process lock
    fcntl = None  # type: ignore[assignment]

MANIFEST_FORMAT = 1
COMMITS = "commits"
LOCK_FILE = ".writer.lock"

_STR = pa.string()
_STRS = pa.list_(pa.string())
_DATE = pa.date32()
_INT = pa.int32()
_FLOAT = pa.float64()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _STR),
            ("published", _DATE),
            ("title", _STR),
            ("url", _STR),
            ("source", _STR),
            ("origin", _STR),
            ("text", _STR),
            ("ingested_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", _STR),
            ("event_index", _INT),
            ("type", _STR),
            ("mode", _STR),
            ("contexts", _STRS),
            ("status", _STR),
            ("actor_ids", _STRS),
            ("actor_names", _STRS),
            ("actor_countries", _STRS),
            ("actor_sectors", _STRS),
            ("recipient_ids", _STRS),
            ("recipient_names", _STRS),
            ("recipient_countries", _STRS),
            ("recipient_sectors", _STRS),
            ("date", _STR),
            ("date_precision", _STR),
            ("date_source", _STR),
            ("date_start", _DATE),
            ("date_end", _DATE),
            ("location_text", _STR),
            ("location_name", _STR),
            ("location_country", _STR),
            ("lat", _FLOAT),
            ("lon", _FLOAT),
            ("cameo", _STR),
            ("quad_class", _INT),
            ("goldstein", _FLOAT),
            ("sentence", _STR),
            ("start", _INT),
            ("end", _INT),
            ("why", _STR),
            ("published", _DATE),
            ("source", _STR),
        ]
    ),
    "actors": pa.schema(
        [
            ("article_id", _STR),
            ("actor_id", _STR),
            ("name", _STR),
            ("country", _STR),
            ("sector", _STR),
            ("role", _STR),
            ("kind", _STR),
            ("mentions", pa.list_(pa.list_(_INT))),
            ("published", _DATE),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _STR),
            ("quote_index", _INT),
            ("text", _STR),
            ("start", _INT),
            ("end", _INT),
            ("direct", pa.bool_()),
            ("speaker_id", _STR),
            ("speaker_name", _STR),
            ("speaker_country", _STR),
            ("speaker_text", _STR),
            ("cue", _STR),
            ("via", _STR),
            ("published", _DATE),
            ("source", _STR),
        ]
    ),
    "timexes": pa.schema(
        [
            ("article_id", _STR),
            ("text", _STR),
            ("start", _INT),
            ("end", _INT),
            ("type", _STR),
            ("value", _STR),
            ("mod", _STR),
        ]
    ),
}
TABLES = tuple(SCHEMAS)

_PART_FILE = re.compile(r"part-.+\.parquet")


class StoreError(RuntimeError):
    """The store cannot do what was asked (its message says why)."""


class StoreLocked(StoreError):
    """Another ingest is writing to the store."""


@dataclass
class IngestReport:
    """What one ingest did. Mutable so a caller can add what it skipped before the store."""

    articles_new: int = 0
    articles_skipped: int = 0
    events: int = 0
    quotes: int = 0
    actors: int = 0
    timexes: int = 0
    batches: int = 0


# --------------------------------------------------------------------------- TIMEX periods

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})X?")
# Meteorological seasons of the northern hemisphere: (first month, months long).
_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}


def period_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a TIMEX3 date value names, or None.

    ``2023-06-18`` is that day, ``2023-W24`` Monday to Sunday of the ISO week,
    ``2022-11`` the month, ``2023`` the year; quarters, halves, seasons, weekends and
    decades are understood too. ``PAST_REF``, durations and bad dates give None.
    """
    if not value:
        return None
    value = value.strip()
    try:
        if m := _DAY.fullmatch(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.fullmatch(value):
            year, week = int(m[1]), int(m[2])
            if m[3]:  # the weekend of that week
                return dt.date.fromisocalendar(year, week, 6), dt.date.fromisocalendar(
                    year, week, 7
                )
            return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
        if m := _MONTH.fullmatch(value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.fullmatch(value):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := _HALF.fullmatch(value):
            return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := _SEASON.fullmatch(value):
            return _months(int(m[1]), _SEASON_MONTHS[m[2]], 3)
        if m := _YEAR.fullmatch(value):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := _DECADE.fullmatch(value):
            first = int(m[1]) * 10
            return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    except ValueError:  # 2023-02-30, week 54, year 0 ...
        return None
    return None


def _months(year: int, first_month: int, count: int) -> tuple[dt.date, dt.date]:
    """From the first day of ``first_month`` through the last day of the count-th month."""
    start = dt.date(year, first_month, 1)
    last_index = year * 12 + first_month - 1 + count - 1
    last_year, last_month = divmod(last_index, 12)
    last_month += 1
    end = dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return start, end


# --------------------------------------------------------------------------- the store


class Store:
    """A directory of Parquet files: ingest extractions, query events, quotes and articles."""

    def __init__(self, path: str | os.PathLike[str] = "parley-data") -> None:
        self.path = Path(path)
        try:
            for folder in (COMMITS, *TABLES):
                (self.path / folder).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot use {self.path} as a store: {exc.strerror or exc}") from None
        self._manifests: dict[str, dict[str, Any]] = {}  # commit file name -> manifest
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._connection_key: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # ----------------------------------------------------------------------- writing

    def ingest(
        self,
        extractions: Iterable[Extraction],
        batch_size: int = 200,
        progress: Callable[[int], Any] | None = None,
    ) -> IngestReport:
        """Store extractions in batches of ``batch_size`` articles; stored articles are skipped.

        ``progress(n)`` is called with the number of articles handled (stored or skipped)
        since the last call. If reading the extractions fails midway, the articles already
        extracted are committed before the error is raised again.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        report = IngestReport()
        with self._writer_lock():
            self._clean_orphans()
            stored = self._committed_ids(refresh=True)
            pending: list[Extraction] = []
            items = iter(extractions)
            while True:
                try:
                    extraction = next(items)
                except StopIteration:
                    break
                except BaseException:
                    if pending:  # keep the work already done, then let the error through
                        self._commit(pending, report)
                    raise
                article_id = extraction.article.id
                if article_id in stored:
                    report.articles_skipped += 1
                else:
                    stored.add(article_id)
                    pending.append(extraction)
                    if len(pending) >= batch_size:
                        self._commit(pending, report)
                        pending = []
                if progress is not None:
                    progress(1)
            if pending:
                self._commit(pending, report)
        return report

    @contextlib.contextmanager
    def _writer_lock(self) -> Iterator[None]:
        lock_path = self.path / LOCK_FILE
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise StoreLocked(
                        f"another ingest is writing to {self.path} (lock: {lock_path})"
                    ) from None
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for a curious user
            yield
        finally:
            os.close(fd)  # closing releases the flock

    def _clean_orphans(self) -> None:
        """Delete temporary files and part files no commit names (a killed ingest's leftovers).

        Runs only under the writer lock, so it never races another writer; readers never
        open uncommitted files, so it never races them either.
        """
        committed = {
            file
            for manifest in self._read_manifests(refresh=True).values()
            for file in manifest["files"].values()
        }
        for folder in (COMMITS, *TABLES):
            for entry in os.scandir(self.path / folder):
                name = entry.name
                relative = f"{folder}/{name}"
                is_tmp = name.startswith(".") and name.endswith(".tmp")
                is_orphan = (
                    folder != COMMITS and _PART_FILE.fullmatch(name) and (relative not in committed)
                )
                if entry.is_file() and (is_tmp or is_orphan):
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(entry.path)

    def _commit(self, batch: Sequence[Extraction], report: IngestReport) -> None:
        """Write one batch: its part files, then its manifest (which makes it visible)."""
        now = dt.datetime.now(dt.UTC)
        batch_id = f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
        tables = _batch_tables(batch, now)
        files: dict[str, str] = {}
        for name, table in tables.items():
            if table.num_rows == 0:
                continue  # no empty part files: readers union whatever exists
            relative = f"{name}/part-{batch_id}.parquet"
            target = self.path / relative
            tmp = target.with_name(f".{target.name}.tmp")
            pq.write_table(table, tmp, compression="zstd")
            _fsync_file(tmp)
            os.replace(tmp, target)
            files[name] = relative
        manifest = {
            "format": MANIFEST_FORMAT,
            "batch": batch_id,
            "committed_at": now.isoformat(),
            "files": files,
            "rows": {name: table.num_rows for name, table in tables.items()},
            "article_ids": [e.article.id for e in batch],
        }
        target = self.path / COMMITS / f"{batch_id}.json"
        tmp = target.with_name(f".{target.name}.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        report.articles_new += len(batch)
        report.events += tables["events"].num_rows
        report.quotes += tables["quotes"].num_rows
        report.actors += tables["actors"].num_rows
        report.timexes += tables["timexes"].num_rows
        report.batches += 1

    # ----------------------------------------------------------------------- reading

    def _read_manifests(self, refresh: bool = False) -> dict[str, dict[str, Any]]:
        """The manifests of all committed batches, by commit file name (cached; cheap)."""
        names = sorted(
            name
            for name in os.listdir(self.path / COMMITS)
            if name.endswith(".json") and not name.startswith(".")
        )
        if refresh:
            self._manifests = {}
        for name in names:
            if name not in self._manifests:
                file = self.path / COMMITS / name
                try:
                    manifest = json.loads(file.read_text(encoding="utf-8"))
                except (OSError, ValueError) as exc:
                    raise StoreError(f"unreadable commit {file}: {exc}") from None
                if (
                    not isinstance(manifest, dict)
                    or not {"files", "article_ids"} <= manifest.keys()
                ):
                    raise StoreError(f"unreadable commit {file}: not a batch manifest")
                self._manifests[name] = manifest
        return {name: self._manifests[name] for name in names}

    def _committed_ids(self, refresh: bool = False) -> set[str]:
        return {
            article_id
            for manifest in self._read_manifests(refresh).values()
            for article_id in manifest["article_ids"]
        }

    def _db(self) -> duckdb.DuckDBPyConnection:
        """An in-memory connection whose views cover exactly the committed batches."""
        manifests = self._read_manifests()
        key = tuple(manifests)
        if self._connection is not None and key == self._connection_key:
            return self._connection
        con = duckdb.connect(":memory:")
        for table in TABLES:
            files = [
                str(self.path / manifest["files"][table])
                for manifest in manifests.values()
                if table in manifest["files"]
            ]
            if files:
                listing = ", ".join(_sql_string(f) for f in files)
                con.execute(
                    f"CREATE VIEW {table} AS SELECT * FROM "
                    f"read_parquet([{listing}], union_by_name = true)"
                )
            else:
                con.register(table, SCHEMAS[table].empty_table())
        if self._connection is not None:
            self._connection.close()
        self._connection, self._connection_key = con, key
        return con

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
            self._connection_key = ()

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Run SQL over the views ``articles``, ``events``, ``actors``, ``quotes``, ``timexes``."""
        relation = self._db().sql(query, params=params)
        return relation.to_arrow_table() if relation is not None else pa.table({})

    def _select(
        self, table: str, where: list[str], params: list[Any], order: str, limit: int | None
    ) -> pa.Table:
        query = f"SELECT * FROM {table}"
        if where:
            query += " WHERE " + " AND ".join(f"({clause})" for clause in where)
        query += f" ORDER BY {order}"
        if limit is not None:
            query += " LIMIT ?"
            params = [*params, int(limit)]
        return _conform(self.sql(query, params), SCHEMAS[table])

    def events(
        self,
        actor: str | None = None,
        countries: tuple[str | None, str | None] | None = None,
        undirected: bool = False,
        type: str | None = None,  # named after the PLOVER field
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> pa.Table:
        """Events, in the order they happened (``date_start``, then ``published``).

        ``actor``: a name containing this (any case), on either side of the event.
        ``countries``: (actor country, recipient country); None on a side means any;
        with ``undirected`` either direction matches. ``since``/``until``: the event's
        period overlaps [since, until]; events without a dated period are left out then.
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append(
                "contains(lower(array_to_string(actor_names, chr(31))), ?)"
                " OR contains(lower(array_to_string(recipient_names, chr(31))), ?)"
            )
            params += [actor.lower()] * 2
        if countries is not None:
            source, target = countries
            directed, directed_params = _pair_clause(source, target)
            if undirected:
                reverse, reverse_params = _pair_clause(target, source)
                where.append(f"({directed}) OR ({reverse})")
                params += directed_params + reverse_params
            else:
                where.append(directed)
                params += directed_params
        if type:
            where.append("upper(type) = ?")
            params.append(type.upper())
        if since is not None:
            where.append("date_end >= ?")
            params.append(since)
        if until is not None:
            where.append("date_start <= ?")
            params.append(until)
        order = "date_start NULLS LAST, published, article_id, event_index"
        return self._select("events", where, params, order, limit)

    def quotes(
        self,
        speaker: str | None = None,
        country: str | None = None,
        text: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> pa.Table:
        """Quotes by publication date. ``speaker`` and ``text`` match substrings, any case."""
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            where.append(
                "contains(lower(coalesce(speaker_name, '') || chr(31) || "
                "coalesce(speaker_text, '')), ?)"
            )
            params.append(speaker.lower())
        if country:
            where.append("upper(speaker_country) = ?")
            params.append(country.upper())
        if text:
            where.append("contains(lower(text), ?)")
            params.append(text.lower())
        _date_range(where, params, "published", since, until)
        return self._select("quotes", where, params, "published, article_id, quote_index", limit)

    def articles(
        self,
        ids: Iterable[str] | None = None,
        source: str | None = None,
        text: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> pa.Table:
        """Stored articles by publication date; ``text`` matches title or text, any case."""
        where: list[str] = []
        params: list[Any] = []
        if ids is not None:
            where.append("list_contains(?, id)")
            params.append(sorted(set(ids)))
        if source:
            where.append("lower(source) = ?")
            params.append(source.lower())
        if text:
            where.append("contains(lower(coalesce(title, '') || chr(31) || text), ?)")
            params.append(text.lower())
        _date_range(where, params, "published", since, until)
        return self._select("articles", where, params, "published, id", limit)

    def article_ids(self) -> set[str]:
        """Ids of every committed article (from the manifests: no Parquet is read)."""
        return self._committed_ids()

    def known_actors_records(self) -> list[dict[str, Any]]:
        """One record per actor name: latest known country, sector and role, and when seen last.

        For ``actors.KnownActors.from_records``: keys name, country, sector, role, seen
        (a date). A later article's non-empty value wins over an earlier one.
        """

        def latest(column: str) -> str:
            return (
                f"first({column} ORDER BY published DESC, article_id DESC) "
                f"FILTER (WHERE {column} IS NOT NULL) AS {column}"
            )

        query = (
            f"SELECT name, {latest('country')}, {latest('sector')}, {latest('role')}, "
            "max(published) AS seen FROM actors WHERE name IS NOT NULL AND name <> '' "
            "GROUP BY name ORDER BY name"
        )
        return self.sql(query).to_pylist()


# --------------------------------------------------------------------------- rows


def _batch_tables(batch: Sequence[Extraction], now: dt.datetime) -> dict[str, pa.Table]:
    """Arrow tables, one per store table, for a batch of extractions."""
    columns: dict[str, dict[str, list[Any]]] = {
        name: {field: [] for field in schema.names} for name, schema in SCHEMAS.items()
    }
    for extraction in batch:
        _add_rows(columns, extraction, now)
    return {
        name: pa.Table.from_pydict(columns[name], schema=schema) for name, schema in SCHEMAS.items()
    }


def _append(table: dict[str, list[Any]], **row: Any) -> None:
    for field, values in table.items():
        values.append(row.get(field))


def _add_rows(
    columns: dict[str, dict[str, list[Any]]], extraction: Extraction, now: dt.datetime
) -> None:
    article = extraction.article
    article_id, published, source = article.id, article.published, article.source
    _append(
        columns["articles"],
        id=article_id,
        published=published,
        title=article.title,
        url=article.url,
        source=source,
        origin=article.origin,
        text=article.text,
        ingested_at=now,
    )
    by_id: dict[str, Actor] = {actor.id: actor for actor in extraction.actors}
    for actor in extraction.actors:
        _append(
            columns["actors"],
            article_id=article_id,
            actor_id=actor.id,
            name=actor.name,
            country=actor.country,
            sector=actor.sector,
            role=actor.role,
            kind=actor.kind,
            mentions=[list(span) for span in actor.mentions],
            published=published,
        )
    for index, event in enumerate(extraction.events):
        bounds = period_bounds(event.date)
        location = event.location
        actors = [by_id.get(i) for i in event.actor]
        recipients = [by_id.get(i) for i in event.recipient]
        _append(
            columns["events"],
            article_id=article_id,
            event_index=index,
            type=event.type,
            mode=event.mode,
            contexts=list(event.contexts),
            status=event.status,
            actor_ids=list(event.actor),
            actor_names=[a.name if a else None for a in actors],
            actor_countries=[a.country if a else None for a in actors],
            actor_sectors=[a.sector if a else None for a in actors],
            recipient_ids=list(event.recipient),
            recipient_names=[a.name if a else None for a in recipients],
            recipient_countries=[a.country if a else None for a in recipients],
            recipient_sectors=[a.sector if a else None for a in recipients],
            date=event.date,
            date_precision=event.date_precision,
            date_source=event.date_source,
            date_start=bounds[0] if bounds else None,
            date_end=bounds[1] if bounds else None,
            location_text=location.text if location else None,
            location_name=location.name if location else None,
            location_country=location.country if location else None,
            lat=location.lat if location else None,
            lon=location.lon if location else None,
            cameo=event.cameo,
            quad_class=event.quad_class,
            goldstein=event.goldstein,
            sentence=event.sentence,
            start=event.start,
            end=event.end,
            why=event.why,
            published=published,
            source=source,
        )
    for index, quote in enumerate(extraction.quotes):
        speaker = by_id.get(quote.speaker) if quote.speaker else None
        _append(
            columns["quotes"],
            **{k: v for k, v in asdict(quote).items() if k != "speaker"},
            article_id=article_id,
            quote_index=index,
            speaker_id=quote.speaker,
            speaker_name=speaker.name if speaker else None,
            speaker_country=speaker.country if speaker else None,
            published=published,
            source=source,
        )
    for timex in extraction.timexes:
        _append(columns["timexes"], article_id=article_id, **asdict(timex))


# --------------------------------------------------------------------------- helpers


def _pair_clause(source: str | None, target: str | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    if source:
        clauses.append("list_contains(actor_countries, ?)")
        params.append(source.upper())
    if target:
        clauses.append("list_contains(recipient_countries, ?)")
        params.append(target.upper())
    return (" AND ".join(clauses) or "TRUE"), params


def _date_range(
    where: list[str], params: list[Any], column: str, since: dt.date | None, until: dt.date | None
) -> None:
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(until)


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """DuckDB names list items differently; give query results the store's own schema."""
    if table.schema.names != schema.names:
        return table
    try:
        return table.cast(schema)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return table


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
