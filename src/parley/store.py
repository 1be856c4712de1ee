"""The embedded store: Parquet files committed in batches, queried through DuckDB.

This is the only module that touches DuckDB or Parquet. Layout (a Spark job may later
write the same one)::

    <store>/articles/part-<batch>.parquet   one part file per table per batch
    <store>/events/part-<batch>.parquet
    <store>/actors/...  <store>/quotes/...  <store>/timexes/...
    <store>/commits/<batch>.json            the manifest of one committed batch
    <store>/.cache/read-copy.duckdb         a reader's copy (derived; safe to delete)
    <store>/.cache/writer-index.duckdb      the writer's index (derived; safe to delete)

A batch becomes visible when its manifest appears. Part files and manifests are written
to a temporary name and moved into place with ``os.replace``, the manifest last, so a
killed ingest leaves the store readable and loses nothing already committed; the part
files of a batch that never got its manifest are ignored by readers and deleted by the
next writer. Readers take no lock: each query runs in an in-memory DuckDB connection
over the files of the committed batches, so the store can be read while an ingest runs.
A lock file (``fcntl.flock``) keeps two ingests from writing at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import re
import secrets
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from parley.analysis import (
    ANY_COUNTRY,
    NO_COUNTRY,
    Deduplicator,
    Happening,
    MergeReason,
    dedup_probes,
    next_period,
    normalise_name,
    period_label,
)
from parley.records import Actor, Extraction
from parley.temporal import period_of

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no cross-process lock
    fcntl = None  # type: ignore[assignment]

MANIFEST_FORMAT = 1
COMMITS = "commits"
# Where query commands keep their DuckDB copy of the store (see Store(local_copy=...)):
# derived from the Parquet files, safe to delete.
READ_COPY = ".cache/read-copy.duckdb"
# What every commit asks of the store (stored article ids, latest happenings), kept by
# writers so a commit costs the same after 10 batches or 10,000: see _open_index.
WRITER_INDEX = ".cache/writer-index.duckdb"
LOCK_FILE = ".writer.lock"
CORRECTIONS_FILE = "actor-corrections.jsonl"

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
            # Added with deduplication; older part files lack them (read as NULL).
            ("actor_kinds", _STRS),
            ("recipient_kinds", _STRS),
            ("happening_id", _STR),  # the happening this mention belongs to
            ("merge_reason", _STR),  # JSON: what founded it, or which fields matched
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

# Written by the store itself at each commit, never given by a writer. A happening is
# rewritten as a new row (a new ``version``: the batch id) whenever a batch adds mentions;
# the ``happenings`` view shows the latest row per id, ``happening_versions`` all of them.
HAPPENINGS_SCHEMA = pa.schema(
    [
        ("id", _STR),
        ("version", _STR),  # batch id: sorts in commit order
        ("founded", _STR),  # founding batch id / order in it: the oldest wins ties
        ("type", _STR),
        ("status", _STR),
        ("actor_countries", _STRS),
        ("actor_names", _STRS),  # normalised names, as matching compares them
        ("actor_name_countries", _STRS),
        ("recipient_countries", _STRS),
        ("recipient_names", _STRS),
        ("recipient_name_countries", _STRS),
        ("date", _STR),  # the most precise mention's date
        ("date_precision", _STR),
        ("window_start", _DATE),  # intersection of the mentions' periods
        ("window_end", _DATE),
        ("location_name", _STR),
        ("location_country", _STR),
        ("mention_count", pa.int64()),
        ("article_count", pa.int64()),
        ("source_count", pa.int64()),
        ("sources", _STRS),
        ("tokens", _STRS),  # evidence tokens: what a new mention must share to join
    ]
)
HAPPENINGS = "happenings"
_FOLDERS = (*TABLES, HAPPENINGS)
# Event columns a writer may leave out (bulk loads, older writers): filled at commit.
_OPTIONAL_EVENT_COLUMNS = ("actor_kinds", "recipient_kinds", "happening_id", "merge_reason")

T = TypeVar("T")

_PART_FILE = re.compile(r"part-.+\.parquet")


class NewArticles:
    """Drops articles the store holds or this run has already taken, asking the store
    about a chunk of ids at a time.

    The committed ids are never held in memory (a store of millions of articles would
    make every writer grow with it); only the ids this run takes on are, so memory grows
    with the input, not with the store.
    """

    def __init__(self, store: Store, chunk: int = 512) -> None:
        self._store = store
        self._chunk = chunk
        self._taken: set[str] = set()

    def filter(
        self, items: Iterable[T], key: Callable[[T], str], on_skip: Callable[[T], Any]
    ) -> Iterator[T]:
        """``items`` less those whose ``key`` is stored or was seen earlier in this run;
        ``on_skip`` is called for each dropped item, in input order with the others."""
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, self._chunk)):
            stored = self._store.stored_ids({key(item) for item in chunk})
            for item in chunk:
                item_id = key(item)
                if item_id in stored or item_id in self._taken:
                    on_skip(item)
                else:
                    self._taken.add(item_id)
                    yield item


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


# --------------------------------------------------------------------------- the store


class Store:
    """A directory of Parquet files: ingest extractions, query events, quotes and articles."""

    def __init__(
        self,
        path: str | os.PathLike[str] = "parley-data",
        *,
        local_copy: bool | str | os.PathLike[str] = False,
    ) -> None:
        """``local_copy``: read events, actors, quotes and the latest happenings from a
        DuckDB copy of the committed batches, extended as batches are committed, instead
        of the Parquet files. The copy keeps events and happenings clustered by country
        pair, so a pair's trend or events read a few row groups instead of every row
        (see :meth:`_extend_copy`). ``True``: a temporary copy that goes with this object
        (the dashboard's). A path: a copy kept there between runs (the CLI's: the first
        query after an ingest copies only the new batches); one process uses it at a
        time (a lock file beside it), and a process that finds it busy reads Parquet."""
        self.path = Path(path)
        try:
            for folder in (COMMITS, *_FOLDERS):
                (self.path / folder).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot use {self.path} as a store: {exc.strerror or exc}") from None
        self._manifests: dict[str, dict[str, Any]] = {}  # commit file name -> manifest
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._connection_key: tuple[str, ...] = ()
        self._copy_file: Path | None = None
        self._copy_lock: int | None = None  # fd holding the flock of a kept copy
        self._copy_kept = False
        self._clustered = False  # whether the *_indexed views have the pair columns
        self._lazy_views: dict[str, tuple[str, pa.Schema]] = {}  # view -> (source, schema)
        self._index: duckdb.DuckDBPyConnection | None = None  # open while writing
        if local_copy is True:
            folder = tempfile.mkdtemp(prefix="parley-copy-")
            weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self._copy_file = Path(folder) / "copy.duckdb"
        elif local_copy:
            self._copy_file = Path(local_copy)
            self._copy_kept = True

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
        with self._writing():
            pending: list[Extraction] = []

            def commit() -> None:
                """Commit ``pending`` less the articles stored or taken earlier."""
                fresh = list(
                    NewArticles(self, chunk=len(pending)).filter(
                        pending, lambda e: e.article.id, lambda _: skipped()
                    )
                )
                if fresh:
                    self._commit(fresh, report)
                pending.clear()

            def skipped() -> None:
                report.articles_skipped += 1

            items = iter(extractions)
            while True:
                try:
                    extraction = next(items)
                except StopIteration:
                    break
                except BaseException:
                    if pending:  # keep the work already done, then let the error through
                        commit()
                    raise
                pending.append(extraction)
                if len(pending) >= batch_size:
                    commit()
                if progress is not None:
                    progress(1)
            if pending:
                commit()
        return report

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """What every writer holds: the writer lock, a store without a killed writer's
        leftovers, the manifests read afresh, and the writer index (see _open_index)."""
        with self._writer_lock():
            self._clean_orphans()
            manifests = self._read_manifests(refresh=True)
            self._open_index(manifests)
            try:
                yield
            finally:
                self._close_index()

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
        for folder in (COMMITS, *_FOLDERS):
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
        self._write_batch(_batch_tables(batch, now), [e.article.id for e in batch], now, report)

    def _write_batch(
        self,
        tables: dict[str, pa.Table],
        article_ids: list[str],
        now: dt.datetime,
        report: IngestReport,
    ) -> None:
        """Part files first, then the manifest naming them; runs under the writer lock."""
        batch_id = f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(3)}"
        events, happenings = self._assign_happenings(tables["events"], batch_id)
        tables = {**tables, "events": events, HAPPENINGS: happenings}
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
            "article_ids": article_ids,
        }
        target = self.path / COMMITS / f"{batch_id}.json"
        tmp = target.with_name(f".{target.name}.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        self._index_batch(target.name, article_ids, happenings)
        report.articles_new += len(article_ids)
        report.events += tables["events"].num_rows
        report.quotes += tables["quotes"].num_rows
        report.actors += tables["actors"].num_rows
        report.timexes += tables["timexes"].num_rows
        report.batches += 1

    # ----------------------------------------------------------------------- deduplication

    def _assign_happenings(self, events: pa.Table, batch_id: str) -> tuple[pa.Table, pa.Table]:
        """Give each event of a batch its happening; return the events and the happenings
        the batch founded or grew (their new state, ``version`` = this batch).

        Rows go through :class:`parley.analysis.Deduplicator` in (published, article_id,
        event_index) order, resumed from the stored happenings the batch can touch (those
        under the deduplicator's own index keys with an overlapping window: see
        :meth:`_candidate_happenings`), so the result is the same as with every stored
        happening loaded, and memory does not grow with the store.
        """
        if events.num_rows == 0:
            return events, HAPPENINGS_SCHEMA.empty_table()
        rows = events.select(list(_DEDUP_COLUMNS)).to_pylist()
        stored = self._candidate_happenings(rows)
        counts = {row["id"]: row for row in stored}
        dedup = Deduplicator(Happening.from_dict({**row, "mentions": []}) for row in stored)
        order = sorted(
            range(len(rows)),
            key=lambda i: (rows[i]["published"] or dt.date.min, rows[i]["article_id"],
                           rows[i]["event_index"]),
        )  # fmt: skip
        assigned: list[str | None] = [None] * len(rows)
        for i in order:
            assigned[i] = dedup.add(rows[i])
        reasons: dict[tuple[str, int], str] = {}
        changed: list[dict[str, Any]] = []
        for happening in dedup.happenings.values():
            if not happening.mentions:
                continue  # a candidate this batch did not join
            for reason in happening.reasons:
                reasons[reason.mention] = json.dumps(reason.matched, ensure_ascii=False)
            before = counts.get(happening.id)
            founded = before["founded"] if before else f"{batch_id}/{len(changed):09d}"
            changed.append(_happening_row(happening, batch_id, founded, before))
        merge_reasons = [reasons.get((row["article_id"], int(row["event_index"]))) for row in rows]
        events = _set_column(events, "happening_id", pa.array(assigned, _STR))
        events = _set_column(events, "merge_reason", pa.array(merge_reasons, _STR))
        return events, pa.Table.from_pylist(changed, schema=HAPPENINGS_SCHEMA)

    def _candidate_happenings(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Latest stored state of the happenings new rows could join, oldest founded first.

        A join in DuckDB on the deduplicator's own index keys (type, status, actor and
        recipient country keys: :func:`parley.analysis.dedup_probes`) with overlapping
        windows, so a batch loads the few happenings each row can match, not every
        happening of its weeks. Windows only narrow from version to version, so every
        version of a candidate overlaps too, and the window filter prunes old files.
        """
        probes = {probe for row in rows for probe in dedup_probes(row)}
        if not probes or (self._index is None and not self._has_table(HAPPENINGS)):
            return []
        first = min(p[4] for p in probes)
        last = max(p[5] for p in probes)
        columns = list(zip(*sorted(probes), strict=True))
        probe_table = pa.table(
            {name: pa.array(values) for name, values in zip(_PROBE_COLUMNS, columns, strict=True)}
        )
        # The index keeps each happening's latest state; the Parquet files every version.
        versions = "happenings" if self._index is not None else "happening_versions"
        latest = (
            ""
            if self._index is not None
            else ("QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1")
        )
        query = f"""
            WITH recent AS (
                SELECT id, type, status, window_start, window_end,
                    {_side_keys_sql("actor_countries")} AS actor_keys,
                    {_side_keys_sql("recipient_countries")} AS recipient_keys
                FROM {versions}
                WHERE window_end >= ? AND window_start <= ? AND list_contains(?, type)
            ), by_actor AS (
                SELECT * EXCLUDE (actor_keys), unnest(actor_keys) AS a FROM recent
            ), filed AS (
                SELECT * EXCLUDE (recipient_keys), unnest(recipient_keys) AS r FROM by_actor
            ), hit AS (
                SELECT DISTINCT f.id FROM filed f JOIN dedup_probe p
                    ON f.type = p.type AND f.status = p.status AND f.a = p.a AND f.r = p.r
                    AND f.window_end >= p.first_day AND f.window_start <= p.last_day
            )
            SELECT * FROM {versions}
            WHERE window_end >= ? AND window_start <= ? AND id IN (SELECT id FROM hit)
            {latest}
            ORDER BY founded
        """
        params = [first, last, sorted({p[0] for p in probes}), first, last]
        return self._sql_with("dedup_probe", probe_table, query, params).to_pylist()

    def _sql_with(
        self, name: str, table: pa.Table, query: str, params: Sequence[Any] | None = None
    ) -> pa.Table:
        """Run ``query`` with ``table`` registered as ``name``: on the writer index while
        one is open (a writer's questions), else over the store's views."""
        con = self._index if self._index is not None else self._ready(query)
        con.register(name, table)
        try:
            return con.sql(query, params=params).to_arrow_table()
        finally:
            con.unregister(name)

    def _has_table(self, table: str) -> bool:
        """Whether any committed batch wrote rows to ``table``."""
        return any(table in m["files"] for m in self._read_manifests().values())

    # ----------------------------------------------------------------------- writer index

    def _open_index(self, manifests: dict[str, dict[str, Any]]) -> None:
        """Open the writer index and bring it up to the committed batches.

        Every commit asks which of its articles are stored and which happenings its
        events may join. Asked of the Parquet files, each answer opens every part file,
        so commits slow down as batches accumulate (0.04 s for the 1st batch of 50
        articles, 2.8 s for the 400th). The index answers from two DuckDB tables,
        ``article_ids`` and ``happenings`` (each happening's latest state), extended in
        one transaction per commit after its manifest is written. Like the read copy it
        holds only what the Parquet files hold: missing, damaged, of another format or
        holding a batch no manifest names (a commit removed by hand), it is rebuilt from
        them; behind (a writer killed between its manifest and the index), it copies the
        batches it lacks. Where it cannot be written, writers read Parquet as before.
        """
        file = self.path / WRITER_INDEX
        for _attempt in range(2):  # as found, then rebuilt from nothing
            con = None
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
                con = duckdb.connect(str(file))
                con.execute(f"SET memory_limit = '{_INDEX_MEMORY}'")
                if self._index_current(con, manifests):
                    self._index = con
                    return
            except (duckdb.Error, OSError):
                pass
            if con is not None:
                con.close()
            for stale in (file, Path(f"{file}.wal")):
                with contextlib.suppress(OSError):
                    stale.unlink(missing_ok=True)
        self._index = None  # e.g. a read-only .cache: Parquet answers, as before

    def _index_current(
        self, con: duckdb.DuckDBPyConnection, manifests: dict[str, dict[str, Any]]
    ) -> bool:
        """Create the index's tables, copy the batches it lacks; False if it must be
        rebuilt (another format, or a batch no manifest names)."""
        con.execute("CREATE TABLE IF NOT EXISTS format (version INTEGER)")
        found = con.execute("SELECT max(version) FROM format").fetchall()[0][0]
        if found is None:
            con.execute("INSERT INTO format VALUES (?)", [_INDEX_FORMAT])
        elif int(found) != _INDEX_FORMAT:
            return False
        con.execute("CREATE TABLE IF NOT EXISTS batches (name VARCHAR)")
        con.execute("CREATE TABLE IF NOT EXISTS article_ids (id VARCHAR)")
        con.register("empty_", HAPPENINGS_SCHEMA.empty_table())
        con.execute("CREATE TABLE IF NOT EXISTS happenings AS SELECT * FROM empty_")
        con.unregister("empty_")
        have = {row[0] for row in con.execute("SELECT name FROM batches").fetchall()}
        if not have <= manifests.keys():
            return False
        new = [name for name in manifests if name not in have]  # in commit order
        if new:
            batches = [manifests[name] for name in new]
            articles = self._parquet_source("articles", batches)
            versions = self._parquet_source(HAPPENINGS, batches)
            with _transaction(con):
                if articles:
                    con.execute(f"INSERT INTO article_ids SELECT id FROM {articles}")
                if versions:
                    extra = _missing_columns_sql(con, versions, HAPPENINGS_SCHEMA)
                    _replace_happenings(
                        con,
                        f"SELECT *{extra} FROM {versions} QUALIFY row_number() "
                        "OVER (PARTITION BY id ORDER BY version DESC) = 1",
                    )
                con.executemany("INSERT INTO batches VALUES (?)", [[name] for name in new])
        return True

    def _index_batch(self, name: str, article_ids: list[str], happenings: pa.Table) -> None:
        """Add a just-committed batch to the index, in one transaction. If that fails the
        batch stays committed (its manifest is written): this writer goes on reading
        Parquet, and the next one copies the batch into the index."""
        con = self._index
        if con is None:
            return
        try:
            with _transaction(con):
                con.register("new_ids", pa.table({"id": pa.array(article_ids, _STR)}))
                con.execute("INSERT INTO article_ids SELECT id FROM new_ids")
                con.unregister("new_ids")
                if happenings.num_rows:
                    con.register("new_states", happenings)
                    _replace_happenings(con, "SELECT * FROM new_states")
                    con.unregister("new_states")
                con.execute("INSERT INTO batches VALUES (?)", [name])
        except duckdb.Error:
            self._close_index()

    def _close_index(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    # ----------------------------------------------------------------------- other writers

    @contextlib.contextmanager
    def writer(self) -> Iterator[NewArticles]:
        """Hold the writer lock for a run of :meth:`commit_tables` calls.

        For writers whose rows are built elsewhere (Spark executors run
        :func:`batch_tables`; the driver commits here), so their batches follow the same
        commit protocol as :meth:`ingest`. Yields a :class:`NewArticles` filter: the
        caller sends only the articles it lets through, as :meth:`ingest` does.
        """
        with self._writing():
            self._holding_writer = True
            try:
                yield NewArticles(self)
            finally:
                self._holding_writer = False

    def commit_tables(
        self,
        tables: dict[str, pa.Table],
        article_ids: Sequence[str],
        committed_at: dt.datetime,
        report: IngestReport,
    ) -> None:
        """Commit one batch made by :func:`batch_tables` (only inside :meth:`writer`)."""
        if not getattr(self, "_holding_writer", False):
            raise StoreError("commit_tables needs the writer lock: call it inside Store.writer()")
        if not article_ids:
            return
        self._write_batch(tables, list(article_ids), committed_at, report)

    # ----------------------------------------------------------------------- reading

    def _read_manifests(self, refresh: bool = False) -> dict[str, dict[str, Any]]:
        """The manifests of all committed batches, by commit file name (cached; cheap).

        Commit files never change once written, so each is parsed once; its article ids
        are not kept (:meth:`stored_ids` asks the articles table), so memory grows with
        the number of batches, not of articles. ``refresh``: start over if a commit
        vanished (only by hand)."""
        names = sorted(
            name
            for name in os.listdir(self.path / COMMITS)
            if name.endswith(".json") and not name.startswith(".")
        )
        if refresh and not set(self._manifests) <= set(names):
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
                del manifest["article_ids"]
                self._manifests[name] = manifest
        return {name: self._manifests[name] for name in names}

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` whose article is committed (a semi-join in DuckDB that reads
        only the articles' id column)."""
        wanted = pa.table({"id": pa.array(sorted(set(ids)), _STR)})
        if wanted.num_rows == 0:
            return set()
        if self._index is None and not self._has_table("articles"):
            return set()
        table = "article_ids" if self._index is not None else "articles"
        query = f"SELECT id FROM {table} WHERE id IN (SELECT id FROM wanted_ids)"
        found = self._sql_with("wanted_ids", wanted, query)
        return set(found["id"].to_pylist())

    def _db(self) -> duckdb.DuckDBPyConnection:
        """An in-memory connection whose views cover exactly the committed batches.

        With a local copy, the views of the copied tables read the copy (brought up to
        the committed batches first: :meth:`_extend_copy`), the others the Parquet files.
        ``events_indexed`` and ``happenings_indexed`` are ``events`` and ``happenings``
        plus the copy's pair columns (``pair_keys``, ``pair_cluster``) when
        ``self._clustered``: queries filtering on a country pair add a condition on
        ``pair_cluster`` there, which lets DuckDB skip the other pairs' row groups.
        """
        manifests = self._read_manifests()
        corrections = self._latest_corrections()
        key = (*manifests, json.dumps(corrections, sort_keys=True))
        if self._connection is not None and key == self._connection_key:
            return self._connection
        if self._connection is not None:
            self._connection.close()  # the copy's file can be attached to one database
            self._connection = None
        con = duckdb.connect(":memory:")
        copied = self._attach_copy(con, manifests)
        self._lazy_views = {}
        for table in _FOLDERS:
            schema = HAPPENINGS_SCHEMA if table == HAPPENINGS else SCHEMAS[table]
            view = "happening_versions" if table == HAPPENINGS else table
            if corrections and table in _CORRECTED_VIEWS:
                view = f"{table}_as_stored"  # the view of that name applies the corrections
            source = self._parquet_source(table, manifests.values())
            if table in copied and table != HAPPENINGS:  # the copy keeps latest versions only
                extra = _excluding(table)
                con.execute(f"CREATE VIEW {view} AS SELECT *{extra} FROM copy.{table}")
            elif source:
                if copied:
                    # Binding a view reads every part file's footer: with a copy, only
                    # when a query names the view (see _ready).
                    self._lazy_views[view] = (source, schema)
                else:
                    self._create_parquet_view(con, view, source, schema)
            else:
                con.register(view, schema.empty_table())
        if copied:
            con.execute(
                f"CREATE VIEW happenings AS SELECT *{_excluding(HAPPENINGS)} FROM copy.happenings"
            )
            con.execute("CREATE VIEW event_names AS SELECT name FROM copy.event_names")
        else:
            con.execute(
                "CREATE VIEW happenings AS SELECT * FROM happening_versions "
                "QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1"
            )
            # Every participant name (corrections change countries, never names): a name
            # filter matches these few, then events by list membership.
            stored = "events_as_stored" if corrections else "events"
            con.execute(f"CREATE VIEW event_names AS {_names_sql(stored)}")
        if corrections:
            for table, query in _corrected_views_sql(corrections).items():
                con.execute(f"CREATE VIEW {table} AS {query}")
        # Pair columns are computed from stored countries: a correction may change those.
        self._clustered = bool(copied) and not corrections
        for table in ("events", "happenings"):
            source = f"copy.{table}" if self._clustered else table
            con.execute(f"CREATE VIEW {table}_indexed AS SELECT * FROM {source}")
        self._connection, self._connection_key = con, key
        return con

    def _attach_copy(
        self, con: duckdb.DuckDBPyConnection, manifests: dict[str, dict[str, Any]]
    ) -> tuple[str, ...]:
        """Attach the local copy as ``copy`` and extend it; the tables it serves.

        A kept copy is used under an exclusive lock on ``<copy>.lock``, held until
        :meth:`close`; if another process holds it for more than a few seconds, this
        reader reads Parquet. A copy that cannot be opened, or one an older parley made,
        is rebuilt: it only ever holds what the Parquet files hold."""
        if self._copy_file is None or not self._claim_copy():
            return ()
        for attempt in range(2):
            try:
                con.execute(f"ATTACH {_sql_string(str(self._copy_file))} AS copy")
                if self._copy_format_ok(con):
                    self._extend_copy(con, manifests)
                    return _COPIED
            except duckdb.Error:
                if attempt or not self._copy_kept:
                    raise
            with contextlib.suppress(duckdb.Error):
                con.execute("DETACH copy")
            for stale in (self._copy_file, Path(f"{self._copy_file}.wal")):
                stale.unlink(missing_ok=True)
        return ()  # pragma: no cover - a fresh file always has the current format

    def _claim_copy(self) -> bool:
        """For a kept copy, take its lock (waiting up to ``_COPY_WAIT_S``); True if held."""
        if not self._copy_kept or self._copy_lock is not None or fcntl is None:
            return True
        assert self._copy_file is not None
        try:
            self._copy_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(f"{self._copy_file}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # e.g. a store on a read-only disk: read the Parquet files
            return False
        deadline = time.monotonic() + _COPY_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    return False
                time.sleep(0.1)
                continue
            self._copy_lock = fd
            return True

    @staticmethod
    def _copy_format_ok(con: duckdb.DuckDBPyConnection) -> bool:
        """Stamp an empty copy with the current format; False for another format."""
        con.execute("CREATE TABLE IF NOT EXISTS copy.format (version INTEGER)")
        found = con.execute("SELECT max(version) FROM copy.format").fetchall()[0]
        if found[0] is None:
            con.execute("INSERT INTO copy.format VALUES (?)", [_COPY_FORMAT]).fetchall()
            return True
        return int(found[0]) == _COPY_FORMAT

    def _extend_copy(
        self, con: duckdb.DuckDBPyConnection, manifests: dict[str, dict[str, Any]]
    ) -> None:
        """Append the batches the local copy lacks, each batch's rows with its name in
        one transaction, so the copy holds whole committed batches only. Committed part
        files never change, so nothing already copied is read again.

        Events and happenings get ``pair_keys`` (every undirected country pair the row
        joins, "CHN-USA") and ``pair_cluster`` (its only pair, ``~several``, or NULL), and
        ``happenings`` keeps only each happening's latest version. New rows land at the
        end; once they outnumber a quarter of the rows sorted before, the table is
        rewritten sorted by (pair_cluster, date), so every pair's rows stay together
        (the rewrites cost a few times the rows ever copied, as a growing array's do).
        """
        for table in _COPIED:
            schema = HAPPENINGS_SCHEMA if table == HAPPENINGS else SCHEMAS[table]
            added = "".join(
                f", CAST({'[]' if name == 'pair_keys' else 'NULL'} AS {kind}) AS {name}"
                for name, kind in _COPY_COLUMNS.get(table, {}).items()
            )
            con.register("empty_", schema.empty_table())
            con.execute(f"CREATE TABLE IF NOT EXISTS copy.{table} AS SELECT *{added} FROM empty_")
            con.unregister("empty_")
        con.execute("CREATE TABLE IF NOT EXISTS copy.batches (name VARCHAR)")
        con.execute("CREATE TABLE IF NOT EXISTS copy.event_names (name VARCHAR)")
        con.execute("CREATE TABLE IF NOT EXISTS copy.sorted (name VARCHAR, rows BIGINT)")
        have = {row[0] for row in con.execute("SELECT name FROM copy.batches").fetchall()}
        new = [name for name in manifests if name not in have]
        if not new:
            return
        with _transaction(con):
            batches = [manifests[name] for name in new]
            for table in _COPIED:
                source = self._parquet_source(table, batches)
                if not source:
                    continue
                if table == HAPPENINGS:
                    self._copy_happenings(con, source, self._parquet_source("events", batches))
                    continue
                if table == "events":
                    # Articles and their events are committed in the same batch.
                    articles = self._parquet_source("articles", batches)
                    urls = (
                        f"SELECT id, url FROM {articles}"
                        if articles
                        else "SELECT NULL AS id, NULL AS url"
                    )
                    source = (
                        f"(SELECT *, {_PAIR_CLUSTER_SQL} AS pair_cluster FROM "
                        f"(SELECT e.*, {_PAIR_KEYS_SQL} AS pair_keys, a.url AS article_url "
                        f"FROM {source} e LEFT JOIN ({urls}) a ON a.id = e.article_id))"
                    )
                con.execute(f"INSERT INTO copy.{table} BY NAME SELECT * FROM {source}")
                if table == "events":
                    con.execute(
                        f"INSERT INTO copy.event_names SELECT name FROM ({_names_sql(source)}) "
                        "WHERE name NOT IN (SELECT name FROM copy.event_names)"
                    )
            for table in _CLUSTERED:
                _sort_when_grown(con, table)
            con.executemany("INSERT INTO copy.batches VALUES (?)", [[name] for name in new])

    def _parquet_source(self, table: str, manifests: Iterable[dict[str, Any]]) -> str | None:
        """SQL reading ``table``'s part files of these batches; None if they wrote none."""
        files = [
            _sql_string(str(self.path / manifest["files"][table]))
            for manifest in manifests
            if table in manifest["files"]
        ]
        return f"read_parquet([{', '.join(files)}], union_by_name = true)" if files else None

    def _copy_happenings(
        self, con: duckdb.DuckDBPyConnection, source: str, events: str | None
    ) -> None:
        """Replace the copied state of the happenings these batches touched by their
        latest version. A happening's ``pair_keys`` gather those of all its mentions (the
        copied ones and these batches'), so a query that finds a mention under a pair
        also finds its happening there."""
        con.execute(
            f"CREATE TEMP TABLE new_versions AS SELECT * FROM {source} "
            "QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1"
        )
        mention_keys = "SELECT NULL AS id, CAST([] AS VARCHAR[]) AS keys"
        if events:  # the happenings a batch touched are those its events joined
            mention_keys = (
                f"SELECT happening_id AS id, flatten(list({_PAIR_KEYS_SQL})) AS keys "
                f"FROM {events} GROUP BY happening_id"
            )
        con.execute(
            f"""CREATE TEMP TABLE new_happenings AS
            SELECT *, {_PAIR_CLUSTER_SQL} AS pair_cluster FROM (
                SELECT v.*, list_sort(list_distinct(flatten(
                    [coalesce(o.pair_keys, []), coalesce(k.keys, [])]))) AS pair_keys
                FROM new_versions v
                LEFT JOIN copy.happenings o ON o.id = v.id
                LEFT JOIN ({mention_keys}) k ON k.id = v.id
            )"""
        )
        con.execute("DELETE FROM copy.happenings WHERE id IN (SELECT id FROM new_versions)")
        con.execute("INSERT INTO copy.happenings BY NAME SELECT * FROM new_happenings")
        con.execute("DROP TABLE new_versions")
        con.execute("DROP TABLE new_happenings")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
            self._connection_key = ()
        if self._copy_lock is not None:
            os.close(self._copy_lock)  # closing releases the flock
            self._copy_lock = None

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Run SQL over the views ``articles``, ``events``, ``actors``, ``quotes``, ``timexes``."""
        relation = self._ready(query).sql(query, params=params)
        return relation.to_arrow_table() if relation is not None else pa.table({})

    def _ready(self, query: str) -> duckdb.DuckDBPyConnection:
        """The connection, with the Parquet views ``query`` names created."""
        con = self._db()
        for view in [v for v in self._lazy_views if re.search(rf"\b{v}\b", query)]:
            source, schema = self._lazy_views.pop(view)
            self._create_parquet_view(con, view, source, schema)
        return con

    @staticmethod
    def _create_parquet_view(
        con: duckdb.DuckDBPyConnection, view: str, source: str, schema: pa.Schema
    ) -> None:
        extra = _missing_columns_sql(con, source, schema)
        con.execute(f"CREATE VIEW {view} AS SELECT *{extra} FROM {source}")

    def _select(
        self, table: str, where: list[str], params: list[Any], order: str, limit: int | None
    ) -> pa.Table:
        query = f"SELECT {self._columns(table)} FROM {table}"
        if where:
            query += " WHERE " + " AND ".join(f"({clause})" for clause in where)
        query += f" ORDER BY {order}"
        if limit is not None:
            query += " LIMIT ?"
            params = [*params, int(limit)]
        return _conform(self.sql(query, params), SCHEMAS[table.removesuffix("_indexed")])

    def _columns(self, table: str) -> str:
        """``*`` of ``table``, less the pair columns an ``*_indexed`` view may add."""
        self._db()  # sets self._clustered
        if table.endswith("_indexed") and self._clustered:
            return "*" + _excluding(table.removesuffix("_indexed"))
        return "*"

    def events(
        self,
        actor: str | None = None,
        countries: tuple[str | None, str | None] | None = None,
        undirected: bool = False,
        type: str | None = None,  # named after the PLOVER field
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        dedup: bool = False,
    ) -> pa.Table:
        """Events, in the order they happened (``date_start``, then ``published``).

        ``actor``: a name containing this (any case), on either side of the event.
        ``countries``: (actor country, recipient country); None on a side means any;
        with ``undirected`` either direction matches. ``since``/``until``: the event's
        period overlaps [since, until]; events without a dated period are left out then.
        ``dedup``: one row per happening with a mention that matches (see
        :meth:`happenings_table`), instead of one per mention.
        """
        where, params = _event_filters(
            actor=actor, countries=countries, undirected=undirected, type=type,
            since=since, until=until,
        )  # fmt: skip
        if dedup:
            return self.happenings_table(where, params, limit, pair=_pair_of(countries))
        where, params = self._pruned(where, params, _pair_of(countries))
        order = "date_start NULLS LAST, published, article_id, event_index"
        return self._select("events_indexed", where, params, order, limit)

    def _pruned(
        self, where: list[str], params: list[Any], pair: str | None
    ) -> tuple[list[str], list[Any]]:
        """``where`` plus, over the clustered copy, the pair cluster a two-country filter
        implies (any event between A and B, either way, has the pair key A-B: see
        :func:`_pair_of`), so DuckDB reads only that pair's row groups and the rows
        joining several pairs. Serves events and happenings alike (a happening's pair
        keys gather its mentions': see :meth:`_copy_happenings`)."""
        self._db()  # sets self._clustered
        if pair is None or not self._clustered:
            return where, params
        return [*where, f"pair_cluster IN (?, '{_SEVERAL_PAIRS}')"], [*params, pair]

    def happenings_table(
        self,
        where: Sequence[str] = (),
        params: Sequence[Any] = (),
        limit: int | None = None,
        pair: str | None = None,
    ) -> pa.Table:
        """One row per happening having a mention that meets ``where`` (event filters).

        The date, its precision and ``date_start``/``date_end`` (the window all mentions
        share), ``mentions``, ``articles``, ``sources`` and ``source_names`` are the
        happening's, counting every mention, matching or not. Type, QuadClass, Goldstein,
        place and ``sentence`` are those of the first matching report (by published,
        article, index), names and countries those of all matching reports: the evidence
        the filter found. Events stored without a happening (older stores) are each their
        own. ``pair``: the pair key ("CHN-USA") every match has, when the filters imply
        one (only used to skip other pairs' rows).
        """
        where, params = self._pruned(list(where), list(params), pair)
        hit_where, hit_params = self._pruned(["id IN (SELECT id FROM m)"], [], pair)
        latest = "happenings_indexed" if self._clustered else None
        query = _happenings_sql(where, latest, hit_where, self._clustered, limit is not None)
        # parameters in the order the query names them: matches, happenings, limit
        params += hit_params
        if limit is not None:
            params.append(int(limit))
        return self.sql(query, params)

    def happening_events(self, happening_id: str, limit: int) -> tuple[list[dict[str, Any]], int]:
        """The first ``limit`` stored events of one happening, in the order reported, and
        how many it has in all (one scan for both)."""
        rows = self.sql(
            "SELECT *, count(*) OVER () AS mention_total FROM events WHERE happening_id = ? "
            "ORDER BY published NULLS LAST, article_id, event_index LIMIT ?",
            [happening_id, int(limit)],
        ).to_pylist()
        total = int(rows[0]["mention_total"]) if rows else 0
        for row in rows:
            del row["mention_total"]
        return rows, total

    def article_urls(self) -> list[str]:
        """The URL of every stored article that has one."""
        return self.sql("SELECT DISTINCT url FROM articles WHERE url IS NOT NULL")[
            "url"
        ].to_pylist()

    def mentions(self, happening_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Every stored mention of these happenings, with its article's title and URL and
        why it joined (``merge_reason``, a JSON object), in the order reported."""
        query = f"""
            SELECT {_HAPPENING_KEY} AS happening_id, e.article_id, e.event_index, e.source,
                e.published, a.title, a.url, e.date, e.date_precision, e.actor_names,
                e.recipient_names, e.location_name, e.sentence, e.merge_reason
            FROM events e LEFT JOIN articles a ON a.id = e.article_id
            WHERE list_contains(?, {_HAPPENING_KEY})
            ORDER BY happening_id, e.published NULLS LAST, e.article_id, e.event_index
        """
        return self.sql(query, [sorted(set(happening_ids))]).to_pylist()

    def export(self, what: str, path: str | os.PathLike[str], file_format: str) -> int:
        """Write ``events``, ``happenings``, ``quotes`` or ``actors`` to a csv, jsonl or
        parquet file (DuckDB streams it: no table is held in memory). Returns the rows."""
        formats = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}
        if file_format not in formats:
            raise StoreError(f"cannot export {file_format!r}: use csv, jsonl or parquet")
        query = self._export_query(what)
        count = int(self.sql(f"SELECT count(*) AS n FROM ({query})")["n"][0].as_py())
        self._ready(query).execute(
            f"COPY ({query}) TO {_sql_string(str(path))} ({formats[file_format]})"
        )
        return count

    def export_batches(
        self, what: str, rows_per_batch: int = 10_000
    ) -> Iterator[list[dict[str, Any]]]:
        """The rows :meth:`export` writes, as lists of dicts, a batch at a time (for
        formats made in Python: PLOVER JSON, GDELT)."""
        query = self._export_query(what)
        reader = self._ready(query).sql(query).to_arrow_reader(rows_per_batch)
        for batch in reader:
            yield batch.to_pylist()

    def _export_query(self, what: str) -> str:
        """Events carry their article's title and URL (PLOVER's cite_info, GDELT's
        SOURCEURL); happenings are :meth:`happenings_table` rows."""
        if what == "events":
            return (
                "SELECT e.*, a.title, a.url FROM events e LEFT JOIN articles a "
                "ON a.id = e.article_id ORDER BY e.date_start NULLS LAST, e.published, "
                "e.article_id, e.event_index"
            )
        if what == "happenings":
            self._db()  # sets self._clustered
            latest = "happenings_indexed" if self._clustered else None
            return _happenings_sql((), latest, urls_in_events=self._clustered)
        if what == "quotes":
            return "SELECT * FROM quotes ORDER BY published, article_id, quote_index"
        if what == "actors":
            return "SELECT * FROM actors ORDER BY published, article_id, actor_id"
        raise StoreError(f"cannot export {what!r}: use events, happenings, quotes or actors")

    def happening(self, happening_id: str) -> dict[str, Any] | None:
        """The latest stored state of one happening (see ``HAPPENINGS_SCHEMA``), or None."""
        rows = self.sql("SELECT * FROM happenings WHERE id = ?", [happening_id]).to_pylist()
        return rows[0] if rows else None

    def explain(self, happening_id: str) -> list[str]:
        """Why each mention belongs to the happening: one line per mention, the founding
        one first, as :meth:`parley.analysis.Deduplicator.explain` words it."""
        lines = []
        for row in self.mentions([happening_id]):
            matched = json.loads(row["merge_reason"]) if row["merge_reason"] else {}
            lines.append(str(MergeReason((row["article_id"], row["event_index"]), matched)))
        return lines

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
        """Ids of every committed article (all of them in memory: for small stores and
        tests; writers ask :meth:`stored_ids` about the ids they hold)."""
        if not self._has_table("articles"):
            return set()
        return set(self.sql("SELECT id FROM articles")["id"].to_pylist())

    def known_actors_records(self) -> list[dict[str, Any]]:
        """What the store knows of each actor name, for ``actors.KnownActors.from_records``.

        One record per name and role it was seen with: the latest country and sector seen
        with that role, ``first_seen`` and ``seen`` (first and last publication dates), so
        a later article can tell which role was held when. Then the user's corrections
        (``corrected``: true), which win over what was learned.
        """

        def latest(column: str) -> str:
            return (
                f"first({column} ORDER BY published DESC, article_id DESC) "
                f"FILTER (WHERE {column} IS NOT NULL) AS {column}"
            )

        query = (
            f"SELECT name, role, {latest('country')}, {latest('sector')}, "
            "min(published) AS first_seen, max(published) AS seen FROM actors "
            "WHERE name IS NOT NULL AND name <> '' GROUP BY name, role ORDER BY name, seen"
        )
        learned = self.sql(query).to_pylist()
        return learned + [{**row, "corrected": True} for row in self.actor_corrections()]

    # ----------------------------------------------------------------------- corrections

    def actor_corrections(self) -> list[dict[str, Any]]:
        """Every correction a user made (``correct_actor``), oldest first: name, country,
        sector, role (None: not corrected), note, corrected_at."""
        path = self.path / CORRECTIONS_FILE
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"unreadable {path}: {exc}") from None
        found = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise StoreError(f"{path}:{number}: not a JSON object") from None
            if not isinstance(row, dict) or not isinstance(row.get("name"), str):
                raise StoreError(f"{path}:{number}: a correction needs a name")
            found.append(row)
        return found

    def _latest_corrections(self) -> dict[str, dict[str, str]]:
        """Lower-cased name -> the corrected fields (country, sector, role), latest winning."""
        merged: dict[str, dict[str, str]] = {}
        for row in self.actor_corrections():
            fields = {k: row[k] for k in ("country", "sector", "role") if row.get(k)}
            merged.setdefault(row["name"].strip().lower(), {}).update(fields)
        return merged

    def correct_actor(
        self,
        name: str,
        country: str | None = None,
        sector: str | None = None,
        role: str | None = None,
        note: str | None = None,
    ) -> dict[str, Any]:
        """Record a user's correction of an actor name (kept in the store directory, so it
        survives re-ingest and applies to every later ingest and to stored rows when
        read). Empty fields are left as learned. Returns the correction."""
        if not name.strip() or not (country or sector or role):
            raise StoreError("a correction needs a name and a country, sector or role")
        row = {
            "name": name.strip(),
            "country": country,
            "sector": sector,
            "role": role,
            "note": note,
            "corrected_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        path = self.path / CORRECTIONS_FILE
        with self._writer_lock():  # one writer: the file is rewritten, then renamed
            kept = path.read_text(encoding="utf-8") if path.exists() else ""
            tmp = path.with_name(f".{path.name}.tmp")
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(kept + json.dumps(row, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        self.close()  # the views apply corrections: rebuild them
        return row

    # ----------------------------------------------------------------------- bulk loads

    def ingest_tables(self, tables: dict[str, pa.Table]) -> IngestReport:
        """Commit ready-made Arrow tables (one per store table) as one batch.

        For bulk and synthetic loads and for other writers that already hold rows in the
        store's layout: no Extraction objects are built. Missing tables are empty;
        columns are cast to the store schema. Rows whose article is already stored are
        dropped, as ``ingest`` would skip that article.
        """
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise StoreError(f"unknown tables {sorted(unknown)}: use {', '.join(TABLES)}")
        report = IngestReport()
        with self._writing():
            batch_ids = {
                article_id
                for name, table in tables.items()
                for key in ["id" if name == "articles" else "article_id"]
                if key in table.column_names  # a table without it fails below, clearly
                for article_id in table[key].to_pylist()
            }
            stored = self.stored_ids(batch_ids)
            conformed: dict[str, pa.Table] = {}
            for name, schema in SCHEMAS.items():
                table = tables.get(name, schema.empty_table())
                if name == "events":
                    for column in _OPTIONAL_EVENT_COLUMNS:  # the commit fills these
                        if column not in table.column_names:
                            nulls = pa.nulls(table.num_rows, schema.field(column).type)
                            table = table.append_column(column, nulls)
                try:
                    table = table.select(schema.names).cast(schema)
                except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                    raise StoreError(f"table {name} does not fit the store: {exc}") from None
                key = "id" if name == "articles" else "article_id"
                if table.num_rows and stored:
                    dupes = pa.array(sorted(stored), _STR)
                    table = table.filter(pc.invert(pc.is_in(table[key], dupes)))
                conformed[name] = table
            article_ids = [i for i in conformed["articles"]["id"].to_pylist() if i not in stored]
            report.articles_skipped = tables.get("articles", pa.table({"id": []})).num_rows - len(
                article_ids
            )
            if article_ids:
                self._write_batch(conformed, article_ids, dt.datetime.now(dt.UTC), report)
        return report

    # ----------------------------------------------------------------------- dashboard queries
    # Used by the dashboard and JSON API (web.py). The methods above keep their behaviour;
    # these add what pages need: exact actor names, text search, newest-first order,
    # paging, and aggregation in SQL so a page over millions of events stays fast.

    def version(self) -> tuple[str, ...]:
        """Names of the committed batches, then the corrections: it changes exactly when
        readable data changes."""
        corrections = self._latest_corrections()
        extra = (json.dumps(corrections, sort_keys=True),) if corrections else ()
        return (*self._read_manifests(), *extra)

    def find_events(
        self,
        *,
        actor: str | None = None,
        actor_name: str | None = None,
        countries: tuple[str | None, str | None] | None = None,
        undirected: bool = False,
        type: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        within: bool = False,
        quad_classes: Sequence[int] | None = None,
        text: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> pa.Table:
        """Events with the filters of :meth:`events` and more.

        ``actor_name``: exactly this name, as stored, on either side. ``within``: the
        event's whole period lies in [since, until] (what :meth:`trend` counts), instead
        of overlapping it. ``quad_classes``: QuadClass in these. ``text``: the evidence
        sentence or a participant's name contains it (any case).
        """
        where, params = _event_filters(
            actor, actor_name, countries, undirected, type, since, until, within,
            quad_classes, text,
        )  # fmt: skip
        where, params = self._pruned(where, params, _pair_of(countries))
        if newest_first:
            order = "date_start DESC NULLS LAST, published DESC, article_id, event_index"
        else:
            order = "date_start NULLS LAST, published, article_id, event_index"
        query = f"SELECT {self._columns('events_indexed')} FROM events_indexed"
        if where:
            query += " WHERE " + " AND ".join(f"({clause})" for clause in where)
        query += f" ORDER BY {order}"
        if limit is not None:
            query += " LIMIT ?"
            params.append(int(limit))
        if offset:
            query += " OFFSET ?"
            params.append(int(offset))
        return _conform(self.sql(query, params), SCHEMAS["events"])

    def count_events(self, **filters: Any) -> int:
        """How many events :meth:`find_events` would give with these filters and no limit."""
        where, params = _event_filters(**filters)
        where, params = self._pruned(where, params, _pair_of(filters.get("countries")))
        query = "SELECT count(*) AS n FROM events_indexed"
        if where:
            query += " WHERE " + " AND ".join(f"({clause})" for clause in where)
        return int(self.sql(query, params)["n"][0].as_py())

    def event(self, article_id: str, event_index: int) -> dict[str, Any] | None:
        """One stored event (a mention: article and its index there), or None."""
        table = self._select(
            "events", ["article_id = ?", "event_index = ?"], [article_id, event_index],
            "article_id", 1,
        )  # fmt: skip
        return table.to_pylist()[0] if table.num_rows else None

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article, or None."""
        table = self._select("articles", ["id = ?"], [article_id], "id", 1)
        return table.to_pylist()[0] if table.num_rows else None

    def article_actors(self, article_id: str) -> list[dict[str, Any]]:
        """The actors found in one article, with their mention spans."""
        return self._select(
            "actors", ["article_id = ?"], [article_id], "actor_id", None
        ).to_pylist()

    def trend(
        self,
        a: str | None = None,
        b: str | None = None,
        by: str = "week",
        directed: bool = False,
        *,
        actor_name: str | None = None,
        type: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        fill: bool = True,
    ) -> list[dict[str, Any]]:
        """Counts per period, as :func:`parley.analysis.trend` computes them, in SQL.

        ``a``/``b``: actor and recipient country (either direction unless ``directed``);
        one of them alone means that country on either side (on the actor side if
        ``directed``). An event counts in a period only when its whole date period lies
        in it. ``fill`` adds zero rows for empty periods between the first and last.
        """
        countries = (a, b) if (a or b) else None
        where, params = _event_filters(
            countries=countries, undirected=not directed, type=type, since=since,
            until=until, within=True, actor_name=actor_name,
        )  # fmt: skip
        where, params = self._pruned(where, params, _pair_of(countries))
        grouped = self._trend_rows(where, params, by, pair_key=False)
        return _trend_series(grouped.get(None, []), by, fill)

    def pair_trends(
        self,
        pairs: Sequence[tuple[str, str]],
        by: str = "week",
        since: dt.date | None = None,
        until: dt.date | None = None,
        fill: bool = True,
    ) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """:meth:`trend` for several undirected country pairs in one pass over the events.

        Keys are the pairs as given; a pair with no events maps to an empty list.
        """
        if not pairs:
            return {}
        wanted = sorted({_pair_key(x, y) for x, y in pairs})
        where, params = _event_filters(since=since, until=until, within=True)
        grouped = self._trend_rows(where, params, by, pair_key=True, pairs=wanted)
        return {(x, y): _trend_series(grouped.get(_pair_key(x, y), []), by, fill) for x, y in pairs}

    def _trend_rows(
        self,
        where: list[str],
        params: list[Any],
        by: str,
        pair_key: bool,
        pairs: Sequence[tuple[str, str]] = (),
    ) -> dict[tuple[str, str] | None, list[dict[str, Any]]]:
        if by not in _PERIOD_SQL:
            raise ValueError(f"unknown period {by!r}: use day, week or month")
        start, end = (_PERIOD_SQL[by].format(column=c) for c in ("date_start", "date_end"))
        where = [*where, "date_start IS NOT NULL", f"{start} = {end}"]
        params = list(params)
        source = "events_indexed"
        keys = "NULL AS a, NULL AS b"
        if pair_key:
            # One row per event and undirected country pair it joins (an event between
            # USA+GBR and CHN counts once for USA-CHN and once for GBR-CHN).
            source = f"({_PAIRS_SQL}) AS events"
            keys = "a, b"
            where.append("list_contains(?, a || '-' || b)")
            params.append([f"{x}-{y}" for x, y in pairs])
        query = (
            f"SELECT {keys}, {start} AS start, count(*) AS events, "
            + ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS quad{q}" for q in range(1, 5))
            + ", fsum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean"
            ", count(DISTINCT happening_id) AS happenings "
            f"FROM {source} WHERE " + " AND ".join(f"({c})" for c in where)
            + " GROUP BY ALL ORDER BY a, b, start"
        )  # fmt: skip
        grouped: dict[tuple[str, str] | None, list[dict[str, Any]]] = {}
        for row in self.sql(query, params).to_pylist():
            key = (row.pop("a"), row.pop("b")) if pair_key else None
            grouped.setdefault(key, []).append(row)
        return grouped

    def relationships(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = 20,
    ) -> list[dict[str, Any]]:
        """The most active undirected country pairs: events, cooperation, conflict, latest.

        ``a`` sorts before ``b``. Cooperation is QuadClass 1-2, conflict 3-4. Dates as in
        :meth:`events` (overlap).
        """
        where, params = _event_filters(since=since, until=until)
        query = (
            "SELECT a, b, count(*) AS events, "
            "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
            "avg(goldstein) AS goldstein_mean, max(date_start) AS latest "
            f"FROM ({_PAIRS_SQL}) AS pairs"
        )
        if where:
            query += " WHERE " + " AND ".join(f"({c})" for c in where)
        query += " GROUP BY a, b ORDER BY events DESC, a, b"
        if limit is not None:
            query += " LIMIT ?"
            params.append(int(limit))
        return self.sql(query, params).to_pylist()

    def actor_summaries(
        self,
        name: str | None = None,
        country: str | None = None,
        limit: int | None = 100,
    ) -> list[dict[str, Any]]:
        """Actors by name, most often seen first: latest country/sector/role, articles, dates.

        ``name``: the name contains this (any case); ``country``: its latest country.
        """
        where: list[str] = ["name IS NOT NULL", "name <> ''"]
        params: list[Any] = []
        if name:
            where.append("contains(lower(name), ?)")
            params.append(name.lower())
        query = _ACTOR_SUMMARY_SQL.format(where=" AND ".join(where))
        if country:
            query = f"SELECT * FROM ({query}) WHERE upper(country) = ?"
            params.append(country.upper())
        query += " ORDER BY articles DESC, name"
        if limit is not None:
            query += " LIMIT ?"
            params.append(int(limit))
        return self.sql(query, params).to_pylist()

    def actor_profile(self, name: str) -> dict[str, Any] | None:
        """What the store knows of one actor name (any case), or None if never seen."""
        query = _ACTOR_SUMMARY_SQL.format(where="lower(name) = ?")
        rows = self.sql(query + " ORDER BY articles DESC LIMIT 1", [name.lower()]).to_pylist()
        return rows[0] if rows else None

    def actor_roles(self, name: str) -> list[dict[str, Any]]:
        """Each role an actor name (any case) was seen with, and when: role, country,
        sector, first_seen, last_seen, articles; in the order first seen."""
        query = """
            SELECT role,
                first(country ORDER BY published DESC) FILTER (WHERE country IS NOT NULL)
                    AS country,
                first(sector ORDER BY published DESC) FILTER (WHERE sector IS NOT NULL)
                    AS sector,
                min(published) AS first_seen, max(published) AS last_seen,
                count(DISTINCT article_id) AS articles
            FROM actors WHERE lower(name) = ? GROUP BY role ORDER BY first_seen, role
        """
        return self.sql(query, [name.lower()]).to_pylist()

    def counterparts(self, name: str, limit: int | None = 20) -> list[dict[str, Any]]:
        """Who an actor (exactly this name, as stored) deals with: the names on the other
        side of its events, busiest first."""
        query = """
            WITH mine AS (
                SELECT quad_class,
                    list_contains(actor_names, ?) AS acts,
                    list_contains(recipient_names, ?) AS receives,
                    actor_names, actor_countries, recipient_names, recipient_countries
                FROM events
                WHERE list_contains(actor_names, ?) OR list_contains(recipient_names, ?)
            ), others AS (
                SELECT quad_class, unnest(recipient_names) AS other,
                    unnest(recipient_countries) AS country FROM mine WHERE acts
                UNION ALL
                SELECT quad_class, unnest(actor_names), unnest(actor_countries)
                FROM mine WHERE receives
            )
            SELECT other AS name, first(country ORDER BY country NULLS LAST) AS country,
                count(*) AS events,
                count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
            FROM others WHERE other IS NOT NULL AND lower(other) <> ?
            GROUP BY other ORDER BY events DESC, other
        """
        params: list[Any] = [name, name, name, name, name.lower()]
        if limit is not None:
            query += " LIMIT ?"
            params.append(int(limit))
        return self.sql(query, params).to_pylist()

    def actor_quotes(self, name: str, limit: int | None = 50) -> pa.Table:
        """Quotes whose speaker is exactly this name (any case), newest first."""
        return self._select(
            "quotes", ["lower(speaker_name) = ?"], [name.lower()],
            "published DESC, article_id, quote_index", limit,
        )  # fmt: skip

    def latest_date(self) -> dt.date | None:
        """The latest event period start in the store (the dashboard's "now")."""
        return self.sql("SELECT max(date_start) AS d FROM events")["d"][0].as_py()


# --------------------------------------------------------------------------- rows


def batch_tables(batch: Sequence[Extraction], now: dt.datetime) -> dict[str, pa.Table]:
    """The rows of a batch, one Arrow table per store table, as :meth:`Store.ingest` writes
    them; ``now`` is their ``ingested_at``. Picklable: Spark executors build these."""
    return _batch_tables(batch, now)


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
        bounds = period_of(event.date)
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
            actor_kinds=[a.kind if a else None for a in actors],
            recipient_kinds=[a.kind if a else None for a in recipients],
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


# --------------------------------------------------------------------------- happenings

# What deduplication reads of an event row (see parley.analysis).
_DEDUP_COLUMNS = (
    "article_id", "event_index", "type", "status", "actor_names", "actor_countries",
    "actor_kinds", "recipient_names", "recipient_countries", "recipient_kinds", "date",
    "date_precision", "date_start", "date_end", "location_name", "location_country",
    "published", "source",
)  # fmt: skip


# Tables whose rows name actors: read through views that apply the user's corrections.
_CORRECTED_VIEWS = ("actors", "events", "quotes")
# Tables a local copy holds (what the dashboard filters and sorts; of happenings, the
# latest version of each); articles (long texts) and timexes are read from Parquet.
_COPIED = ("events", "actors", "quotes", HAPPENINGS)
_CLUSTERED = ("events", HAPPENINGS)  # given pair columns and kept sorted by pair
# Columns only the copy has (readers see the stored schema): the pair columns, and on
# events their article's URL, which happening rows show without a join.
_COPY_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"pair_keys": "VARCHAR[]", "pair_cluster": "VARCHAR", "article_url": "VARCHAR"},
    HAPPENINGS: {"pair_keys": "VARCHAR[]", "pair_cluster": "VARCHAR"},
}


def _excluding(table: str) -> str:
    """`` EXCLUDE (...)`` of the copy-only columns of ``table`` ("" if none)."""
    added = _COPY_COLUMNS.get(table)
    return f" EXCLUDE ({', '.join(added)})" if added else ""


_COPY_FORMAT = 3  # a copy of another format is rebuilt
_COPY_WAIT_S = 10.0  # how long a reader waits for a kept copy another process holds
_SEVERAL_PAIRS = "~several"  # pair_cluster of a row joining more than one pair
# Every undirected country pair ("CHN-USA") an events or happenings row joins.
_PAIR_KEYS_SQL = (
    "list_sort(list_distinct(flatten(list_transform(coalesce(actor_countries, []), "
    "lambda a: list_transform(coalesce(recipient_countries, []), "
    "lambda r: least(a, r) || '-' || greatest(a, r))))))"
)
_PAIR_CLUSTER_SQL = (
    f"CASE len(pair_keys) WHEN 0 THEN NULL WHEN 1 THEN pair_keys[1] ELSE '{_SEVERAL_PAIRS}' END"
)


def _sort_when_grown(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Rewrite ``copy.<table>`` sorted by (pair_cluster, date) once the rows added since
    its last sort exceed a quarter of the rows sorted then."""
    found = con.execute("SELECT max(rows) FROM copy.sorted WHERE name = ?", [table]).fetchall()
    sorted_rows = int(found[0][0] or 0)
    total = int(con.execute(f"SELECT count(*) FROM copy.{table}").fetchall()[0][0])
    if (total - sorted_rows) * 4 <= sorted_rows:
        return
    date = "date_start" if table == "events" else "window_start"
    con.execute(
        f"CREATE TABLE copy.{table}_sorted AS SELECT * FROM copy.{table} "
        f"ORDER BY pair_cluster NULLS LAST, {date} NULLS LAST"
    )
    con.execute(f"DROP TABLE copy.{table}")
    con.execute(f"ALTER TABLE copy.{table}_sorted RENAME TO {table}")
    con.execute("DELETE FROM copy.sorted WHERE name = ?", [table]).fetchall()
    con.execute("INSERT INTO copy.sorted VALUES (?, ?)", [table, total]).fetchall()


def _names_sql(events: str) -> str:
    """The distinct participant names (actor or recipient) of ``events`` (a view or source)."""
    return (
        f"SELECT DISTINCT name FROM (SELECT unnest(actor_names) AS name FROM {events} "
        f"UNION ALL SELECT unnest(recipient_names) FROM {events}) WHERE name IS NOT NULL"
    )


def _corrected_views_sql(corrections: dict[str, dict[str, str]]) -> dict[str, str]:
    """SELECTs over ``<table>_as_stored`` that show corrected countries, sectors and roles.

    Corrections are few (a user makes them), so each is a CASE branch on the lower-cased
    name: no join, and list columns are mapped element by element."""

    def case(name_sql: str, field: str, fallback: str) -> str:
        branches = " ".join(
            f"WHEN {_sql_string(name)} THEN {_sql_string(fields[field])}"
            for name, fields in sorted(corrections.items())
            if field in fields
        )
        return f"CASE lower({name_sql}) {branches} ELSE {fallback} END" if branches else fallback

    def listed(names: str, values: str, field: str) -> str:
        mapped = case("name_", field, f"{values}[i_]")
        return f"list_transform({names}, lambda name_, i_: {mapped}) AS {values}"

    actor_fields = ", ".join(f"{case('name', f, f)} AS {f}" for f in ("country", "sector", "role"))
    event_fields = ", ".join(
        listed(f"{side}_names", f"{side}_{plural}", field)
        for side in ("actor", "recipient")
        for field, plural in (("country", "countries"), ("sector", "sectors"))
    )
    speaker = case("speaker_name", "country", "speaker_country")
    return {
        "actors": f"SELECT * REPLACE ({actor_fields}) FROM actors_as_stored",
        "events": f"SELECT * REPLACE ({event_fields}) FROM events_as_stored",
        "quotes": f"SELECT * REPLACE ({speaker} AS speaker_country) FROM quotes_as_stored",
    }


_PROBE_COLUMNS = ("type", "status", "a", "r", "first_day", "last_day")
_INDEX_FORMAT = 1  # a writer index of another format is rebuilt
_INDEX_MEMORY = "256MB"  # the index's DuckDB buffers: writers' memory stays flat


@contextlib.contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All of the block's statements, or (on any error) none of them."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _replace_happenings(con: duckdb.DuckDBPyConnection, latest: str) -> None:
    """Put the states ``latest`` selects (one row per happening) in the writer index."""
    con.execute(f"CREATE TEMP TABLE new_latest AS {latest}")
    con.execute("DELETE FROM happenings WHERE id IN (SELECT id FROM new_latest)")
    con.execute("INSERT INTO happenings BY NAME SELECT * FROM new_latest")
    con.execute("DROP TABLE new_latest")


def _side_keys_sql(column: str) -> str:
    """SQL for :func:`parley.analysis._filed_side_keys`: a side's countries (or the
    no-country key) and the any-country key."""
    return (
        f"list_concat(CASE WHEN coalesce(len({column}), 0) = 0 THEN ['{NO_COUNTRY}'] "
        f"ELSE {column} END, ['{ANY_COUNTRY}'])"
    )


def _evidence_tokens(
    countries: Iterable[str | None], names: Iterable[str], place: str | None
) -> set[str]:
    """The deduplicator's index keys (``c:`` country, ``n:`` name token, ``p:`` place): a
    mention joins only a happening sharing one, so they select the candidates to load."""
    tokens = {f"c:{c}" for c in countries if c}
    tokens.update(f"n:{token}" for name in names for token in name.split())
    if place:
        tokens.add(f"p:{place}")
    return tokens


def _happening_row(
    happening: Happening, version: str, founded: str, before: dict[str, Any] | None
) -> dict[str, Any]:
    """The stored state of a happening after a batch. ``happening`` was resumed with no
    mentions, so its mentions and articles are this batch's (articles are never stored
    twice); sources were resumed, so they are all of them."""
    state = happening.to_dict()
    place = normalise_name(happening.location_name) if happening.location_name else None
    names = [n for n, _ in happening.actors.names + happening.recipients.names]
    countries = happening.actors.countries + happening.recipients.countries
    return {
        **{field: state.get(field) for field in HAPPENINGS_SCHEMA.names},
        "version": version,
        "founded": founded,
        "mention_count": (before["mention_count"] if before else 0) + happening.mention_count,
        "article_count": (before["article_count"] if before else 0) + happening.article_count,
        "source_count": happening.source_count,
        "tokens": sorted(_evidence_tokens(countries, names, place)),
    }


def _happenings_sql(
    where: Sequence[str],
    latest: str | None = None,
    latest_where: Sequence[str] = (),
    urls_in_events: bool = False,
    limit: bool = False,
) -> str:
    """SQL for :meth:`Store.happenings_table` (one row per happening).

    ``latest``: a table or view with one row per happening (its latest version); without
    it the latest versions are picked from ``happening_versions``, after the id filter.
    ``urls_in_events``: ``events_indexed`` has ``article_url`` (the copy's); otherwise
    URLs are looked up in ``articles``, for the rows returned only. With ``limit``, the
    query takes one more parameter, the number of rows.
    """
    filters = " AND ".join(f"({clause})" for clause in where) or "TRUE"
    firsts = [*_HAPPENING_FIRST_COLUMNS, *(["article_url"] if urls_in_events else [])]
    # One aggregate pass: the first report's columns as one struct, by the smallest key
    # (undated reports last), not one ordered aggregate or a window per column.
    struct = ", ".join(f"'{c}': \"{c}\"" for c in firsts)
    first_key = "(coalesce(published, DATE '9999-12-31'), article_id, event_index)"
    unpacked = ", ".join(f'first_."{c}" AS "{c}"' for c in _HAPPENING_FIRST_COLUMNS)
    names = ", ".join(
        f"list_sort(list_distinct(flatten(list({c})))) AS {c}"
        for c in ("actor_names", "actor_countries", "recipient_names", "recipient_countries")
    )
    state = (
        "id, date, date_precision, window_start, window_end, mention_count, article_count,"
        " source_count, sources"
    )
    latest_filter = " AND ".join(f"({clause})" for clause in latest_where) or "TRUE"
    if latest is not None:
        h = f"SELECT {state} FROM {latest} WHERE {latest_filter}"
    else:
        h = (
            f"SELECT {state} FROM happening_versions WHERE {latest_filter} "
            "QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1"
        )
    if urls_in_events:
        columns, join = "r.* EXCLUDE (article_url), r.article_url AS url", ""
    else:
        columns, join = "r.*, a.url", "LEFT JOIN articles a ON a.id = r.article_id"
    return f"""
        WITH m AS (
            SELECT id, {unpacked},
                {"first_.article_url AS article_url," if urls_in_events else ""}
                * EXCLUDE (id, first_)
            FROM (
                SELECT {_HAPPENING_KEY} AS id, arg_min({{{struct}}}, {first_key}) AS first_,
                    {names}, count(*) AS mentions, count(DISTINCT article_id) AS articles,
                    count(DISTINCT source) AS sources,
                    list_sort(list_distinct(list(source))) AS source_names
                FROM events_indexed WHERE {filters} GROUP BY 1
            )
        ),
        h AS ({h}),
        result AS (
        SELECT m.id AS happening_id, m.type, m.status,
            coalesce(h.date, m.date) AS date,
            coalesce(h.date_precision, m.date_precision) AS date_precision,
            coalesce(h.window_start, m.date_start) AS date_start,
            coalesce(h.window_end, m.date_end) AS date_end,
            m.* EXCLUDE (id, type, status, date, date_precision, date_start, date_end)
                REPLACE (
                    coalesce(h.mention_count, m.mentions) AS mentions,
                    coalesce(h.article_count, m.articles) AS articles,
                    coalesce(h.source_count, m.sources) AS sources,
                    coalesce(h.sources, m.source_names) AS source_names
                )
        FROM m LEFT JOIN h ON h.id = m.id
        ORDER BY date_start NULLS LAST, m.published, m.article_id, m.event_index
        {"LIMIT ?" if limit else ""}
        )
        SELECT {columns} FROM result r {join}
        ORDER BY r.date_start NULLS LAST, r.published, r.article_id, r.event_index
    """


# A mention's happening; an event stored before deduplication is its own.
_HAPPENING_KEY = "coalesce(happening_id, article_id || '#' || CAST(event_index AS VARCHAR))"
_HAPPENING_FIRST_COLUMNS = (
    "type", "status", "date", "date_precision", "date_start", "date_end", "location_name",
    "location_country", "lat", "lon", "cameo", "quad_class", "goldstein", "sentence",
    "published", "article_id", "event_index", "actor_sectors", "recipient_sectors", "mode",
    "contexts", "start", "end",
)  # fmt: skip


def _set_column(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, values)


# --------------------------------------------------------------------------- dashboard SQL

# The period an event date falls in, per trend granularity (weeks start on Monday, ISO).
_PERIOD_SQL = {
    "day": "{column}",
    "week": "CAST(date_trunc('week', {column}) AS DATE)",
    "month": "CAST(date_trunc('month', {column}) AS DATE)",
}

# One row per event and undirected country pair (a < b) it joins, self-pairs left out.
# Most events have one country a side: they take the fast path; the rest are unnested,
# and an event naming both countries on both sides counts once for that pair.
_PAIR_COLUMNS = "quad_class, goldstein, date_start, date_end, happening_id"
_PAIRS_SQL = f"""
    SELECT least(ac, rc) AS a, greatest(ac, rc) AS b, {_PAIR_COLUMNS} FROM (
        SELECT actor_countries[1] AS ac, recipient_countries[1] AS rc, {_PAIR_COLUMNS}
        FROM events WHERE len(actor_countries) = 1 AND len(recipient_countries) = 1
        UNION ALL
        SELECT ac, rc, {_PAIR_COLUMNS} FROM (
            SELECT ac, unnest(rcs) AS rc, acs, rcs, {_PAIR_COLUMNS} FROM (
                SELECT unnest(list_distinct(actor_countries)) AS ac,
                    list_distinct(actor_countries) AS acs,
                    list_distinct(recipient_countries) AS rcs, {_PAIR_COLUMNS}
                FROM events
                WHERE NOT (len(actor_countries) = 1 AND len(recipient_countries) = 1)
            )
        ) WHERE NOT (ac > rc AND list_contains(acs, rc) AND list_contains(rcs, ac))
    ) WHERE ac IS NOT NULL AND rc IS NOT NULL AND ac <> rc
"""

_ACTOR_SUMMARY_SQL = """
    SELECT name,
        first(country ORDER BY published DESC, article_id DESC)
            FILTER (WHERE country IS NOT NULL) AS country,
        first(sector ORDER BY published DESC, article_id DESC)
            FILTER (WHERE sector IS NOT NULL) AS sector,
        first(role ORDER BY published DESC, article_id DESC)
            FILTER (WHERE role IS NOT NULL) AS role,
        first(kind ORDER BY published DESC, article_id DESC) AS kind,
        count(DISTINCT article_id) AS articles,
        min(published) AS first_seen, max(published) AS last_seen
    FROM actors WHERE {where} GROUP BY name
"""


def _event_filters(
    actor: str | None = None,
    actor_name: str | None = None,
    countries: tuple[str | None, str | None] | None = None,
    undirected: bool = False,
    type: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    within: bool = False,
    quad_classes: Sequence[int] | None = None,
    text: str | None = None,
) -> tuple[list[str], list[Any]]:
    """WHERE clauses over the events table; the same meaning as ``Store.events`` where shared."""
    where: list[str] = []
    params: list[Any] = []
    if actor:  # the few names that match, then list membership (no string per row)
        names = "(SELECT coalesce(list(name), []) FROM event_names WHERE contains(lower(name), ?))"
        where.append(
            f"list_has_any(actor_names, {names}) OR list_has_any(recipient_names, {names})"
        )
        params += [actor.lower()] * 2
    if actor_name:  # exact list membership: far cheaper than joining names into strings
        where.append("list_contains(actor_names, ?) OR list_contains(recipient_names, ?)")
        params += [actor_name] * 2
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
        where.append("date_start >= ?" if within else "date_end >= ?")
        params.append(since)
    if until is not None:
        where.append("date_end <= ?" if within else "date_start <= ?")
        params.append(until)
    if quad_classes:
        where.append("list_contains(?, quad_class)")
        params.append([int(q) for q in quad_classes])
    if text:  # names matched once among the distinct names, then by list membership
        names = "(SELECT coalesce(list(name), []) FROM event_names WHERE contains(lower(name), ?))"
        where.append(
            f"contains(lower(sentence), ?) OR list_has_any(actor_names, {names})"
            f" OR list_has_any(recipient_names, {names})"
        )
        params += [text.lower()] * 3
    return where, params


def _pair_of(countries: tuple[str | None, str | None] | None) -> str | None:
    """The pair key ("CHN-USA") of a two-country filter, as the copy's pair columns
    spell it; None unless both sides are given."""
    if countries is None or not countries[0] or not countries[1]:
        return None
    return "-".join(_pair_key(countries[0], countries[1]))


def _pair_key(x: str, y: str) -> tuple[str, str]:
    x, y = x.upper(), y.upper()
    return (x, y) if x <= y else (y, x)


def _trend_series(rows: list[dict[str, Any]], by: str, fill: bool) -> list[dict[str, Any]]:
    """SQL aggregates shaped like :func:`parley.analysis.trend` output, gaps filled."""
    if not rows:
        return []
    by_start = {row["start"]: row for row in rows}
    starts = sorted(by_start)
    if fill:
        starts, day = [], min(by_start)
        while day <= max(by_start):
            starts.append(day)
            day = next_period(day, by)  # type: ignore[arg-type]
    series = []
    for start in starts:
        row = by_start.get(start, {})
        quads = [int(row.get(f"quad{q}", 0)) for q in range(1, 5)]
        coded, conflict = sum(quads), quads[2] + quads[3]
        series.append(
            {
                "period": period_label(start, by),  # type: ignore[arg-type]
                "start": start,
                "events": int(row.get("events", 0)),
                **{f"quad{q}": quads[q - 1] for q in range(1, 5)},
                "conflict": conflict,
                "conflict_share": conflict / coded if coded else None,
                "goldstein_sum": float(row.get("goldstein_sum") or 0.0),
                "goldstein_mean": row.get("goldstein_mean"),
                "happenings": int(row.get("happenings", 0)),
            }
        )
    return series


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


def _missing_columns_sql(con: duckdb.DuckDBPyConnection, source: str, schema: pa.Schema) -> str:
    """``, NULL AS column`` for schema columns no part file has (files older than them)."""
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    return "".join(
        f", CAST(NULL AS {_DUCK_TYPES[f.type]}) AS {f.name}"
        for f in schema
        if f.name not in present
    )


_DUCK_TYPES = {
    _STR: "VARCHAR",
    _STRS: "VARCHAR[]",
    _DATE: "DATE",
    _INT: "INTEGER",
    pa.int64(): "BIGINT",
}


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
