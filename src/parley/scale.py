"""Scale-out on Apache Spark: the local pipeline, run by Spark executors.

The driver reads the inputs (``sources.read``, streamed), drops articles the store
already holds, and sends the rest in slices of ``batch_size`` articles: one Spark
partition per slice, 2 x parallelism slices per job. An executor runs the very same
per-document code as a local ingest (``pipeline.extract`` -> ``extract_doc`` over
``nlp.load()``), with the spaCy model loaded once per Python worker (``nlp.load`` is
cached at module level and Spark reuses its Python workers), and turns the slice into
the store's Arrow tables (``store.batch_tables``). The driver commits each job's slices
as one batch through ``Store.commit_tables``: part files, then the manifest, under the
writer lock, so DuckDB and :class:`~parley.store.Store` read a Spark ingest exactly as
a local one.

Memory stays flat on any input size: the driver holds at most two Spark jobs of
2 x parallelism slices each (the next job runs while the last one is committed), and
executors return rows, not documents. The driver reads (including trafilatura on HTML
and WARC pages) and commits; executors do the NLP, which is nearly all the work.

``pyspark`` is imported only when :func:`ingest_spark` runs; Java 17+ must be installed.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from parley import nlp, pipeline, sources
from parley.actors import KnownActors
from parley.records import Article, Extraction, InputProblem
from parley.store import IngestReport, Store, batch_tables

DEFAULT_BATCH_SIZE = 50
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.python.worker.reuse": "true",  # keeps each worker's loaded model across tasks
}


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing (the message says which and how to install it)."""


@dataclass
class SliceResult:
    """What an executor sends back for one slice: rows, not documents."""

    tables: dict[str, pa.Table]
    article_ids: list[str]
    committed_at: dt.datetime
    problems: list[InputProblem] = field(default_factory=list)
    handled: int = 0
    model_error: str | None = None


# --------------------------------------------------------------------------- executor side


def extract_slice(
    articles: Iterable[Article], model: str | None, known: KnownActors | None
) -> SliceResult:
    """Extract one slice of articles into store rows: what each Spark task runs.

    Plain Python (no Spark) so the same code is testable and usable by other engines.
    """
    try:
        language = nlp.load(model)  # lru_cache: loaded once per Python worker process
    except nlp.ModelNotFound as exc:
        now = dt.datetime.now(dt.UTC)
        return SliceResult({}, [], now, handled=0, model_error=str(exc))
    extractions: list[Extraction] = []
    problems: list[InputProblem] = []
    handled = 0
    for result in pipeline.extract(articles, language, known=known):
        handled += 1
        if isinstance(result, InputProblem):
            problems.append(result)
        else:
            extractions.append(result)
    now = dt.datetime.now(dt.UTC)
    return SliceResult(
        tables=batch_tables(extractions, now),
        article_ids=[e.article.id for e in extractions],
        committed_at=now,
        problems=problems,
        handled=handled,
    )


def _partition_task(
    model: str | None, known: Any
) -> Callable[[Iterator[Article]], Iterator[SliceResult]]:
    """The function Spark ships to executors: one SliceResult per partition."""

    def run(articles: Iterator[Article]) -> Iterator[SliceResult]:
        yield extract_slice(articles, model, known.value)

    return run


# --------------------------------------------------------------------------- driver side


def ingest_spark(
    paths: Iterable[str | Path],
    store_path: str | os.PathLike[str],
    workers: int = 2,
    model: str | None = None,
    *,
    published: dt.date | None = None,
    max_bytes: int = sources.DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    master: str | None = None,
    conf: dict[str, str] | None = None,
    on_problem: Callable[[InputProblem], Any] | None = None,
    progress: Callable[[int], Any] | None = None,
) -> IngestReport:
    """Read ``paths``, extract on Spark and commit into the store at ``store_path``.

    ``workers``: cores of Spark local mode (``local[workers]``) when no ``master`` is
    given and no Spark session is active (under ``spark-submit`` the active session and
    its cluster are used). ``batch_size``: articles per Spark task (the tasks of one job,
    2 x parallelism of them, are committed together as one batch). ``on_problem`` gets an
    :class:`InputProblem` for each bad input or failed article; ``progress(n)`` the
    number of articles handled (stored, skipped or failed). Articles already in the
    store, or seen earlier in this run, are skipped. Raises :class:`SparkUnavailable`
    without pyspark or Java, ``nlp.ModelNotFound`` when the executors have no such model.
    """
    if workers < 1 or batch_size < 1:
        raise ValueError("workers and batch_size must be at least 1")
    store = Store(store_path)
    known = KnownActors.from_records(store.known_actors_records())
    report = IngestReport()
    runner = _SparkRunner(workers, master, conf, model)
    try:
        with store.writer() as new_only:

            def articles() -> Iterator[Article]:
                for item in sources.read(paths, published=published, max_bytes=max_bytes):
                    if isinstance(item, InputProblem):
                        _call(on_problem, item)
                    else:
                        yield item

            def skipped(_: Article) -> None:
                report.articles_skipped += 1  # stored, or earlier in this input
                _call(progress, 1)

            slices = _batched(new_only.filter(articles(), lambda a: a.id, skipped), batch_size)
            first = next(slices, None)
            if first is None:
                return report  # nothing new: Spark is not even started
            runner.start(known)
            jobs = _batched(itertools.chain([first], slices), runner.slices_per_job)
            # Two jobs in flight: executors start on the next job while the driver
            # reads inputs and commits the last one, so no core waits on the driver.
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                pending: list[concurrent.futures.Future[list[SliceResult]]] = []
                try:
                    for job in itertools.chain(jobs, [None]):
                        if job is not None:
                            pending.append(pool.submit(runner.run, job))
                        while pending and (job is None or len(pending) >= 2):
                            done = pending.pop(0).result()
                            _commit_job(store, done, report, on_problem, progress)
                except BaseException:
                    runner.cancel()  # Ctrl-C or a failed job: what is committed stays
                    raise
    finally:
        runner.stop()
    return report


class _SparkRunner:
    """Starts Spark on demand and runs one job of slices at a time (thread-safe)."""

    def __init__(
        self, workers: int, master: str | None, conf: dict[str, str] | None, model: str | None
    ) -> None:
        self.workers, self.master, self.conf, self.model = workers, master, conf, model
        self.spark: Any = None
        self.owned = False
        self.slices_per_job = 2 * workers

    def start(self, known: KnownActors) -> None:
        self.spark, self.owned = _spark_session(self.workers, self.master, self.conf)
        context = self.spark.sparkContext
        self.task = _partition_task(self.model, context.broadcast(known))
        self.slices_per_job = 2 * max(self.workers, context.defaultParallelism)

    def run(self, job: list[list[Article]]) -> list[SliceResult]:
        articles = [article for slice_ in job for article in slice_]
        rdd = self.spark.sparkContext.parallelize(articles, numSlices=len(job))
        return rdd.mapPartitions(self.task).collect()

    def cancel(self) -> None:
        if self.spark is not None:
            self.spark.sparkContext.cancelAllJobs()

    def stop(self) -> None:
        if self.owned:
            self.spark.stop()
            self.owned = False


def _commit_job(
    store: Store,
    results: list[SliceResult],
    report: IngestReport,
    on_problem: Callable[[InputProblem], Any] | None,
    progress: Callable[[int], Any] | None,
) -> None:
    """Commit the slices of one Spark job as one batch: a store gets one set of part files
    per job (2 x parallelism tasks), not per task, so a large ingest leaves fewer, larger
    files for DuckDB and Spark readers."""
    for result in results:
        if result.model_error is not None:
            raise nlp.ModelNotFound(result.model_error)
    stored = [r for r in results if r.article_ids]
    if stored:
        tables = {
            name: pa.concat_tables([r.tables[name] for r in stored]) for name in stored[0].tables
        }
        ids = [i for r in stored for i in r.article_ids]
        store.commit_tables(tables, ids, max(r.committed_at for r in stored), report)
    for result in results:
        for problem in result.problems:
            _call(on_problem, problem)
        _call(progress, result.handled)


def _spark_session(
    workers: int, master: str | None, conf: dict[str, str] | None
) -> tuple[Any, bool]:
    """The active Spark session (not ours to stop), or a new one (ours)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable(
            "the Spark engine needs pyspark: pip install 'pyspark>=4,<5' (and Java 17+)"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active, False
    # Python workers must be this interpreter, which has parley and the model installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master or f"local[{workers}]").appName("parley ingest")
    for key, value in {**SPARK_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java missing or too old
        raise SparkUnavailable(f"cannot start Spark (is Java 17+ installed?): {exc}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _call(callback: Callable[..., Any] | None, *args: Any) -> None:
    if callback is not None:
        callback(*args)
