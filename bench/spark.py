"""Ingest speed and memory: the local engine beside Spark local mode (1 and 2 workers).

    python bench/spark.py [--limit 200] [--engines local,spark1,spark2]
    python bench/spark.py --synthetic 100000 [--engines local,spark2]

Real articles: the PolNeAR news texts from ../shared (publication date in the file
name), first written to one JSONL file that every engine then reads, as ``parley
ingest`` would. ``--synthetic N`` writes N small generated articles instead, to show
that peak memory does not grow with the input (the pipeline streams).

Each engine runs in its own process into a fresh store, so its peak RSS is its own.
Printed per engine: articles stored, start-up seconds (spaCy load, or Spark session),
ingest seconds and articles/s, peak RSS from ``resource.getrusage`` (the process, and
its largest waited-for child: Spark's JVM and Python workers), and the peak of the
summed RSS of the whole process tree, sampled from /proc every 0.2 s. While an engine
runs, a line at each tenth of the input committed gives the tree's RSS and the rate
so far in that tenth: flat lines mean memory and speed do not grow with the store. Then
the 2-worker speed-up over 1 worker and over the local engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "data" / "quotes" / "polnear" / "train" / "text"
DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
ENGINES = ("local", "spark1", "spark2")


# --------------------------------------------------------------------------- inputs


def polnear_records(folder: Path, limit: int) -> Iterator[dict[str, str]]:
    for path in sorted(folder.glob("*.txt"))[:limit]:
        found = DATE_IN_NAME.search(path.name)
        published = found.group(1) if found else "2016-10-01"
        yield {"id": path.stem, "published": published, "text": path.read_text()}


_PEOPLE = [
    ("Foreign Minister", "Wang Yi", "China"),
    ("Secretary of State", "Antony Blinken", "the United States"),
    ("Foreign Minister", "Sergei Lavrov", "Russia"),
    ("President", "Emmanuel Macron", "France"),
    ("Chancellor", "Olaf Scholz", "Germany"),
    ("Prime Minister", "Narendra Modi", "India"),
    ("President", "Recep Tayyip Erdogan", "Turkey"),
    ("Foreign Minister", "Penny Wong", "Australia"),
]
_CITIES = ["Beijing", "Washington", "Moscow", "Paris", "Berlin", "New Delhi", "Ankara", "Canberra"]
_ACTS = [
    "met {b} in {city} on {day} to discuss trade and security",
    "criticised {b} on {day} over new sanctions announced in {city}",
    "said on {day} that {b} had agreed to resume talks in {city} next month",
    "accused {b} of violating the ceasefire near {city} on {day}",
    "signed a cooperation agreement with {b} in {city} on {day}",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_records(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """Small varied articles (about 60 words), each with a unique id and date."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    for index in range(count):
        (title, a, country), (_, b, other) = rng.sample(_PEOPLE, 2)
        city, day = rng.choice(_CITIES), rng.choice(_DAYS)
        first = rng.choice(_ACTS).format(b=b, city=city, day=day)
        second = rng.choice(_ACTS).format(b=f"officials from {other}", city=city, day=day)
        text = (
            f"{country.capitalize()}'s {title} {a} {first}. "
            f"Officials in {city} said the meeting was the {index % 97 + 2}th such contact this "
            f"year. A spokesperson for {a} {second}. \u201cWe expect results,\u201d {a} said."
        )
        published = start + dt.timedelta(days=index % 1500)
        yield {"id": f"synthetic-{index}", "published": published.isoformat(), "text": text}


def write_jsonl(records: Iterator[dict[str, str]], path: Path) -> tuple[int, int]:
    count = words = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            words += len(record["text"].split())
    return count, words


# --------------------------------------------------------------------------- one engine


def run_engine(engine: str, source: Path, store_path: Path) -> dict[str, Any]:
    """Run in a child process: ingest ``source`` into a fresh store with one engine."""
    from parley import nlp, pipeline, scale, sources
    from parley.records import Article, InputProblem
    from parley.store import Store

    started = time.perf_counter()
    if engine == "local":
        language = nlp.load()
        list(language.pipe(["warm up the pipeline once"]))
        ready = time.perf_counter()
        articles = (i for i in sources.read([source]) if isinstance(i, Article))
        extracted = pipeline.extract(articles, language)
        report = Store(store_path).ingest(x for x in extracted if not isinstance(x, InputProblem))
    else:
        workers = int(engine.removeprefix("spark"))
        # The session first, so its start-up is timed apart; ingest_spark then uses it.
        spark, _ = scale._spark_session(workers, None, None)
        ready = time.perf_counter()
        report = scale.ingest_spark([source], store_path, workers=workers)
        spark.stop()
        _wait_for_jvm()  # so RUSAGE_CHILDREN covers the JVM and, through it, the workers
    finished = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "engine": engine,
        "articles": report.articles_new,
        "events": report.events,
        "startup_s": ready - started,
        "ingest_s": finished - ready,
        "rss_self_mb": own / 1024,
        "rss_child_mb": children / 1024,
    }


def _wait_for_jvm() -> None:
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    process = getattr(gateway, "proc", None)
    if process is None:
        return
    gateway.shutdown()
    process.stdin.close()  # the gateway JVM exits when its stdin closes
    process.wait(timeout=30)


# --------------------------------------------------------------------------- measuring


def tree_rss_mb(root: int) -> float:
    """Summed RSS of a process and all its descendants (Linux /proc), in MB."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    pages = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", encoding="utf-8") as handle:
                pages += int(handle.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class Progress:
    """Articles committed so far, counted from the store's new manifests."""

    def __init__(self, store_path: Path) -> None:
        self.commits = store_path / "commits"
        self.seen: set[str] = set()
        self.articles = 0

    def count(self) -> int:
        try:
            names = [n for n in os.listdir(self.commits) if n.endswith(".json")]
        except FileNotFoundError:
            return 0
        for name in names:
            if name in self.seen or name.startswith("."):
                continue
            try:
                manifest = json.loads((self.commits / name).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # being written: counted next time
            self.seen.add(name)
            self.articles += len(manifest["article_ids"])
        return self.articles


def measure(engine: str, source: Path, store_path: Path, total: int) -> dict[str, Any]:
    """Run one engine in a child process; sample its process tree's RSS every 0.2 s and,
    at each tenth of the input committed, print the RSS then and the interval's peak and
    rate, so a reader sees whether memory and speed hold as the store grows."""
    command = [sys.executable, __file__, "--child", engine, str(source), str(store_path)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        progress = Progress(store_path)
        step, interval_peak, last_count = 1, 0.0, 0
        last_time = started = time.perf_counter()
        ticks = 0
        while not stop.is_set():
            rss = tree_rss_mb(child.pid)
            peak, interval_peak = max(peak, rss), max(interval_peak, rss)
            ticks += 1
            if ticks % 25 == 0 and progress.count() >= step * total / 10:  # every 5 s
                now, count = time.perf_counter(), progress.articles
                rate = (count - last_count) / (now - last_time)
                print(
                    f"  {engine:8} {count:>8,} articles at {now - started:7.0f} s: "
                    f"{rate:6.1f} art/s since the last line, RSS tree {rss:6.0f} MB "
                    f"(peak since the last line {interval_peak:6.0f} MB)",
                    flush=True,
                )
                while count >= step * total / 10:
                    step += 1
                interval_peak, last_count, last_time = 0.0, count, now
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    stop.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{engine} failed (exit {child.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["rss_tree_mb"] = peak
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="PolNeAR articles to use")
    parser.add_argument("--text-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--synthetic", type=int, help="N generated small articles instead")
    parser.add_argument("--engines", default=",".join(ENGINES), help="local, sparkN (N workers)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        engine, source, store_path = args.child
        print(json.dumps(run_engine(engine, Path(source), Path(store_path))), flush=True)
        return

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as scratch:
        source = Path(scratch) / "articles.jsonl"
        if args.synthetic:
            count, words = write_jsonl(synthetic_records(args.synthetic), source)
            what = "synthetic"
        else:
            count, words = write_jsonl(polnear_records(args.text_dir, args.limit), source)
            what = f"PolNeAR ({args.text_dir})"
        if not count:
            raise SystemExit(f"no articles: is {args.text_dir} there?")
        print(f"{count} {what} articles, {words / count:.0f} words each, {os.cpu_count()} CPUs")
        print(
            f"{'engine':8} {'stored':>7} {'events':>7} {'start s':>8} {'ingest s':>9} "
            f"{'art/s':>7} {'RSS self':>9} {'RSS child':>10} {'RSS tree':>9}"
        )
        results: dict[str, dict[str, Any]] = {}
        for engine in engines:
            result = measure(engine, source, Path(scratch) / f"store-{engine}", count)
            results[engine] = result
            rate = result["articles"] / result["ingest_s"]
            result["rate"] = rate
            print(
                f"{engine:8} {result['articles']:7d} {result['events']:7d} "
                f"{result['startup_s']:8.1f} {result['ingest_s']:9.1f} {rate:7.2f} "
                f"{result['rss_self_mb']:7.0f}MB {result['rss_child_mb']:8.0f}MB "
                f"{result['rss_tree_mb']:7.0f}MB",
                flush=True,
            )
    if "spark2" in results:
        for base in ("spark1", "local"):
            if base in results:
                speedup = results["spark2"]["rate"] / results[base]["rate"]
                print(f"spark2 speed-up over {base}: {speedup:.2f}x (ingest time, start-up apart)")


if __name__ == "__main__":
    main()
