"""Dashboard and API response times over a store of a million synthetic events.

    python bench/web.py [--events 1000000] [--batches 10] [--store DIR] [--rebuild]
                        [--repeat 5]

Builds (once; reused unless --rebuild) a store of synthetic events written through
``Store.ingest_tables`` in ``--batches`` commits: 5 events, 3 actors and 1 quote per
article, 40 countries, 600 actor names, 3 years of dates (10% month precision). Then
times every page and API endpoint through FastAPI's TestClient: the first request
(cold: DuckDB reads Parquet metadata, nothing cached) and the median of ``--repeat``
more, against the 500 ms goal. No assertion: figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from fastapi.testclient import TestClient

from parley import web
from parley.store import SCHEMAS, Store

GOAL_MS = 500.0
EVENTS_PER_ARTICLE = 5
COUNTRIES = [
    "USA",
    "CHN",
    "RUS",
    "UKR",
    "GBR",
    "FRA",
    "DEU",
    "JPN",
    "KOR",
    "PRK",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "PSE",
    "SYR",
    "TUR",
    "SAU",
    "EGY",
    "ZAF",
    "NGA",
    "ETH",
    "KEN",
    "BRA",
    "ARG",
    "MEX",
    "CAN",
    "AUS",
    "IDN",
    "VNM",
    "PHL",
    "TWN",
    "POL",
    "ITA",
    "ESP",
    "NLD",
    "SWE",
    "NOR",
    "QAT",
    "ARE",
]
NAMES_PER_COUNTRY = 15
TYPES = [  # PLOVER type, QuadClass, Goldstein
    ("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("SUPPORT", 1, 3.4), ("COOPERATE", 2, 6.0),
    ("AID", 2, 7.4), ("REQUEST", 1, 3.0), ("ACCUSE", 3, -2.0), ("REJECT", 3, -4.0),
    ("THREATEN", 3, -6.0), ("PROTEST", 3, -6.5), ("SANCTION", 4, -8.0), ("COERCE", 4, -7.0),
    ("ASSAULT", 4, -9.0), ("MOBILIZE", 4, -7.2),
]  # fmt: skip
FIRST_DAY = dt.date(2021, 1, 1)
DAYS = 3 * 365


def actor_name(country: int, index: int) -> str:
    return f"Official {COUNTRIES[country]}-{index:02d}"


def synthetic_batch(rng: np.random.Generator, first_article: int, articles: int) -> dict:
    """Arrow tables, in the store's schema, for ``articles`` synthetic articles."""
    n = articles * EVENTS_PER_ARTICLE
    ids = np.array([f"syn-{i:08d}" for i in range(first_article, first_article + articles)])
    published_days = rng.integers(0, DAYS, articles)
    published = pa.array(
        np.datetime64(FIRST_DAY) + published_days.astype("timedelta64[D]"), pa.date32()
    )
    sentences = [
        f"Official {{a}} met Official {{b}} to discuss item {k} of the agenda." for k in range(50)
    ]
    # Pairs are skewed (Zipf-like) so a few relationships are busy, as in real news.
    pair_weights = 1.0 / np.arange(1, len(COUNTRIES) ** 2 + 1)
    pair_choice = rng.choice(len(COUNTRIES) ** 2, size=n, p=pair_weights / pair_weights.sum())
    actor_country, recipient_country = np.divmod(pair_choice, len(COUNTRIES))
    same = actor_country == recipient_country
    recipient_country[same] = (recipient_country[same] + 1) % len(COUNTRIES)
    actor_index = rng.integers(0, NAMES_PER_COUNTRY, n)
    recipient_index = rng.integers(0, NAMES_PER_COUNTRY, n)
    type_index = rng.integers(0, len(TYPES), n)
    article_of = np.repeat(np.arange(articles), EVENTS_PER_ARTICLE)
    day = np.clip(published_days[article_of] - rng.integers(0, 7, n), 0, None)
    start = np.datetime64(FIRST_DAY) + day.astype("timedelta64[D]")
    month_precision = rng.random(n) < 0.1
    dates = np.datetime_as_string(start, unit="D").astype(object)
    month_first = start.astype("datetime64[M]")
    dates[month_precision] = np.datetime_as_string(month_first[month_precision], unit="M")
    date_start = np.where(month_precision, month_first.astype("datetime64[D]"), start)
    date_end = np.where(
        month_precision, ((month_first + 1).astype("datetime64[D]") - 1), start
    ).astype("datetime64[D]")
    a_names = [actor_name(c, i) for c, i in zip(actor_country, actor_index, strict=True)]
    r_names = [actor_name(c, i) for c, i in zip(recipient_country, recipient_index, strict=True)]
    sentence_of = rng.integers(0, len(sentences), n)
    event_sentences = [
        sentences[k].format(a=a[9:], b=b[9:])
        for k, a, b in zip(sentence_of, a_names, r_names, strict=True)
    ]
    # Article text: its events' sentences in order, so offsets point at real evidence.
    texts, starts, ends = [], np.zeros(n, np.int32), np.zeros(n, np.int32)
    for article in range(articles):
        parts, position = [], 0
        for j in range(EVENTS_PER_ARTICLE):
            k = article * EVENTS_PER_ARTICLE + j
            starts[k], ends[k] = position, position + len(event_sentences[k])
            parts.append(event_sentences[k])
            position = ends[k] + 1
        texts.append(" ".join(parts) + " The talks will go on.")
    codes = [TYPES[t] for t in type_index]
    country_list = [[COUNTRIES[c]] for c in actor_country]
    recipient_list = [[COUNTRIES[c]] for c in recipient_country]
    events = pa.table(
        {
            "article_id": pa.array(ids[article_of]),
            "event_index": pa.array(np.tile(np.arange(EVENTS_PER_ARTICLE), articles), pa.int32()),
            "type": [c[0] for c in codes],
            "status": pa.array(["occurred"] * n),
            "actor_ids": [["a0"]] * n,
            "actor_names": [[x] for x in a_names],
            "actor_countries": country_list,
            "actor_sectors": [["GOV"]] * n,
            "recipient_ids": [["a1"]] * n,
            "recipient_names": [[x] for x in r_names],
            "recipient_countries": recipient_list,
            "recipient_sectors": [["GOV"]] * n,
            "date": pa.array(dates.tolist()),
            "date_precision": np.where(month_precision, "month", "day").tolist(),
            "date_source": pa.array(["text"] * n),
            "date_start": pa.array(date_start.astype("datetime64[D]"), pa.date32()),
            "date_end": pa.array(date_end, pa.date32()),
            "quad_class": pa.array([c[1] for c in codes], pa.int32()),
            "goldstein": pa.array([c[2] for c in codes]),
            "sentence": event_sentences,
            "start": starts,
            "end": ends,
            "why": pa.array(["synthetic"] * n),
            "published": pc.take(published, pa.array(article_of)),
            "source": pa.array(["synthetic wire"] * n),
        }
    )
    first_events = np.arange(articles) * EVENTS_PER_ARTICLE
    articles_table = pa.table(
        {
            "id": ids,
            "published": published,
            "title": [f"Synthetic article {i}" for i in ids],
            "source": pa.array(["synthetic wire"] * articles),
            "text": texts,
        }
    )
    actors = pa.table(
        {
            "article_id": np.concatenate([ids, ids]),
            "actor_id": ["a0"] * articles + ["a1"] * articles,
            "name": [a_names[k] for k in first_events] + [r_names[k] for k in first_events],
            "country": [COUNTRIES[actor_country[k]] for k in first_events]
            + [COUNTRIES[recipient_country[k]] for k in first_events],
            "sector": pa.array(["GOV"] * (2 * articles)),
            "kind": pa.array(["person"] * (2 * articles)),
            "mentions": [[[0, 10]]] * (2 * articles),
            "published": pa.concat_arrays([published, published]),
        }
    )
    quotes = pa.table(
        {
            "article_id": ids,
            "quote_index": pa.array(np.zeros(articles), pa.int32()),
            "text": [f"We discussed item {k} frankly" for k in range(articles)],
            "start": pa.array(np.zeros(articles), pa.int32()),
            "end": pa.array(np.full(articles, 10), pa.int32()),
            "direct": pa.array(np.ones(articles, bool)),
            "speaker_id": pa.array(["a0"] * articles),
            "speaker_name": [a_names[k] for k in first_events],
            "speaker_country": [COUNTRIES[actor_country[k]] for k in first_events],
            "published": published,
            "source": pa.array(["synthetic wire"] * articles),
        }
    )
    return {
        name: _fill(table, SCHEMAS[name])
        for name, table in (
            ("articles", articles_table),
            ("events", events),
            ("actors", actors),
            ("quotes", quotes),
        )
    }


def _fill(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Add the schema's missing columns as nulls."""
    for field in schema:
        if field.name not in table.column_names:
            table = table.append_column(field.name, pa.nulls(table.num_rows, field.type))
    return table.select(schema.names).cast(schema)


def build(path: Path, events: int, batches: int) -> None:
    rng = np.random.default_rng(8)
    store = Store(path)
    articles = events // EVENTS_PER_ARTICLE
    per_batch = -(-articles // batches)
    started = time.perf_counter()
    for first in range(0, articles, per_batch):
        store.ingest_tables(synthetic_batch(rng, first, min(per_batch, articles - first)))
    elapsed = time.perf_counter() - started
    print(f"built {path}: {events:,} events, {articles:,} articles in {batches} commits "
          f"({elapsed:.1f} s)")  # fmt: skip


def timed(client: TestClient, url: str, repeat: int) -> tuple[int, float, float]:
    def once() -> tuple[int, float]:
        started = time.perf_counter()
        response = client.get(url)
        return response.status_code, (time.perf_counter() - started) * 1000

    status, cold = once()
    warm = [once()[1] for _ in range(repeat)]
    return status, cold, statistics.median(warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--store", type=Path, default=Path("/tmp/parley-bench-web"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.rebuild and args.store.exists():
        shutil.rmtree(args.store)
    if not (args.store / "commits").is_dir() or not any((args.store / "commits").iterdir()):
        build(args.store, args.events, args.batches)
    store = Store(args.store)
    total = store.count_events()
    busiest = store.relationships(limit=1)[0]
    a, b = busiest["a"], busiest["b"]
    name = store.actor_summaries(limit=1)[0]["name"]
    event = store.find_events(limit=1, offset=total // 2).to_pylist()[0]
    event_path = f"{quote(event['article_id'], safe='')}/{event['event_index']}"
    urls = [
        "/",
        f"/relationships/{a}/{b}",
        f"/relationships/{a}/{b}?by=day",
        f"/actors/{quote(name, safe='')}",
        f"/events/{event_path}",
        f"/events?pair={a},{b}&undirected=1&quad=conflict",
        "/search?q=official%20usa-03",
        f"/api/events?pair={a},{b}&limit=100",
        "/api/events?actor=usa-03&since=2022-01-01&until=2022-03-31",
        "/api/events?type=ASSAULT&limit=1000",
        f"/api/events/{event_path}",
        "/api/quotes?speaker=usa-03&limit=100",
        "/api/actors?country=CHN",
        f"/api/actors/{quote(name, safe='')}",
        f"/api/trend?pair={a},{b}&by=week",
        f"/api/alerts?pair={a},{b}",
        "/api/alerts?open_only=true",
        "/api/relationships",
        "/api/articles?since=2022-06-01&limit=20",
        f"/api/articles/{quote(event['article_id'], safe='')}",
        "/api/search?q=usa-03",
    ]
    print(f"{total:,} events in {len(store.version())} commits at {args.store}")
    print(f"{'request':<62} {'status':>6} {'cold ms':>9} {'median ms':>10}  goal {GOAL_MS:.0f} ms")
    slow = 0
    started = time.perf_counter()
    with TestClient(web.create_app(args.store)) as client:
        print(f"app started in {time.perf_counter() - started:.1f} s (the store's copy built)")
        for url in urls:
            status, cold, median = timed(client, url, args.repeat)
            verdict = "ok" if median <= GOAL_MS else "SLOW"
            slow += verdict == "SLOW"
            print(f"{url[:62]:<62} {status:>6} {cold:>9.0f} {median:>10.0f}  {verdict}")
    print(f"{len(urls) - slow}/{len(urls)} within {GOAL_MS:.0f} ms (median of {args.repeat})")
    print(f"memory of this process (the app runs in it): {_memory()}")


def _memory() -> str:
    """Resident set size now and at its peak (Linux /proc; elsewhere unknown)."""
    try:
        status = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return "unknown"
    kib = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith("Vm")}
    return f"RSS {kib.get('VmRSS', 0) / 1024:.0f} MiB, peak {kib.get('VmHWM', 0) / 1024:.0f} MiB"


if __name__ == "__main__":
    main()
