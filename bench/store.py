"""Store at scale: bulk ingest with deduplication, then a weekly trend and a dedup query.

Writes N synthetic events (3 per article) through ``Store.ingest_tables`` in batches, so
every batch goes through the commit protocol and cross-article deduplication exactly as
a real ingest. The synthetic news runs forward in time (about 10,000 events a day, 3
days of reporting lag), over 60 countries with Zipf-like weights (the first, USA, is in
about a quarter of events), 16 PLOVER types, 300 named people, 200 places and 150
outlets, so many reports merge and many do not.

Printed: ingest rate, RSS and peak RSS at each million events (memory must stay flat: each
batch loads only the stored happenings it can touch), then the time of a weekly
USA-CHN trend and of a deduplicated USA-CHN event query (first 100 happenings), each on
a fresh reader (cold) and again (warm), two ways: straight from the Parquet files, and
as the CLI reads them, through the DuckDB copy kept in the store folder (clustered by
country pair; the time to build it once after the ingest is printed too). ``--events``
scales it down for a quick run; ``--queries-only`` reuses a store kept with ``--store``.

    python bench/store.py --events 1000000
    python bench/store.py --store /tmp/s --queries-only
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from parley.store import READ_COPY, SCHEMAS, Store

COUNTRIES = [
    "USA",
    "CHN",
    "RUS",
    "UKR",
    "GBR",
    "FRA",
    "DEU",
    "ISR",
    "IRN",
    "IND",
    "JPN",
    "KOR",
    "PRK",
    "TUR",
    "SAU",
    "PAK",
    "AFG",
    "SYR",
    "IRQ",
    "EGY",
    "BRA",
    "MEX",
    "CAN",
    "AUS",
    "ITA",
    "ESP",
    "POL",
    "NLD",
    "BEL",
    "SWE",
    "NOR",
    "FIN",
    "VNM",
    "THA",
    "IDN",
    "PHL",
    "MYS",
    "SGP",
    "NGA",
    "ZAF",
    "KEN",
    "ETH",
    "SDN",
    "LBY",
    "YEM",
    "LBN",
    "JOR",
    "QAT",
    "ARE",
    "VEN",
    "COL",
    "ARG",
    "CHL",
    "PER",
    "CUB",
    "BLR",
    "GEO",
    "ARM",
    "AZE",
]
TYPES = [
    ("CONSULT", "040", 1, 1.0), ("COOPERATE", "050", 1, 3.5), ("AID", "070", 2, 7.0),
    ("AGREE", "057", 1, 8.0), ("REQUEST", "020", 1, 3.0), ("SUPPORT", "051", 1, 3.4),
    ("ACCUSE", "112", 3, -2.0), ("REJECT", "120", 3, -4.0), ("THREATEN", "130", 3, -4.4),
    ("DEMAND", "100", 3, -5.0), ("PROTEST", "140", 3, -6.5), ("SANCTION", "163", 4, -8.0),
    ("MOBILIZE", "150", 4, -7.2), ("COERCE", "170", 4, -7.0), ("ASSAULT", "180", 4, -9.0),
    ("RETREAT", "080", 2, 5.0),
]  # fmt: skip
EVENTS_PER_DAY = 10_000
EVENTS_PER_ARTICLE = 3
START = dt.date(2021, 1, 1)


def _labels(days: np.ndarray, precision: np.ndarray) -> tuple[list[str], list, list]:
    """(date value, first day, last day) of each event: its day, ISO week or month.
    Worked out once per distinct (day, precision): a batch spans a few days."""
    keys, inverse = np.unique(days * 4 + precision, return_inverse=True)
    table = []
    for key in keys.tolist():
        when, prec = START + dt.timedelta(days=key // 4), key % 4
        if prec == 0:
            table.append((when.isoformat(), when, when))
        elif prec == 1:
            year, week, _ = when.isocalendar()
            first = dt.date.fromisocalendar(year, week, 1)
            table.append((f"{year}-W{week:02d}", first, first + dt.timedelta(days=6)))
        else:
            first = when.replace(day=1)
            following = (first + dt.timedelta(days=32)).replace(day=1)
            table.append((f"{when:%Y-%m}", first, following - dt.timedelta(days=1)))
    picked = [table[i] for i in inverse.tolist()]
    return [t[0] for t in picked], [t[1] for t in picked], [t[2] for t in picked]


def _singletons(values: pa.Array) -> pa.Array:
    """One-item lists: the synthetic events have one actor and one recipient each."""
    return pa.ListArray.from_arrays(pa.array(np.arange(len(values) + 1, dtype=np.int32)), values)


def synthetic_batch(first_event: int, count: int, rng: np.random.Generator) -> dict[str, pa.Table]:
    """Articles and events for events ``first_event .. first_event + count`` (vectorised:
    generating 10 million events must not cost more than storing them)."""
    n = count
    index = np.arange(first_event, first_event + n)
    day = index // EVENTS_PER_DAY
    weights = 1.0 / np.arange(1, len(COUNTRIES) + 1) ** 0.9
    weights /= weights.sum()
    actor_c = rng.choice(len(COUNTRIES), n, p=weights)
    recipient_c = (actor_c + 1 + rng.choice(len(COUNTRIES) - 1, n, p=None)) % len(COUNTRIES)
    swap = rng.random(n) < 0.5  # the busiest country is as often the recipient
    actor_c, recipient_c = (
        np.where(swap, recipient_c, actor_c),
        np.where(swap, actor_c, recipient_c),
    )
    kind = rng.integers(0, len(TYPES), n)
    lag = rng.integers(0, 4, n)
    precision = rng.choice(3, n, p=[0.85, 0.1, 0.05])  # day, week, month
    named = rng.random(n) < 0.4
    person = rng.integers(0, 5, n)  # five named people per country
    placed = rng.random(n) < 0.5
    place = rng.integers(0, 200, n)
    outlet = rng.integers(0, 150, n)

    countries = np.array(COUNTRIES, dtype=object)
    ministers = np.array(
        [[f"Minister {k} of {c}" for k in range(5)] for c in COUNTRIES], dtype=object
    )
    places = np.array([f"Place {k}" for k in range(200)], dtype=object)
    outlets = np.array([f"outlet{k}.example" for k in range(150)], dtype=object)
    types = np.array([t[0] for t in TYPES], dtype=object)
    actor = countries[actor_c]
    recipient = countries[recipient_c]
    name = np.where(named, ministers[actor_c, person], actor)
    date, first, last = _labels(day - lag, precision)
    published = pa.array(START + dt.timedelta(days=int(d)) for d in day) if n else pa.array([])
    article = np.char.add("syn-", (index // EVENTS_PER_ARTICLE).astype(str)).astype(object)
    sentence = [f"{a} {t.lower()} {r}." for a, t, r in zip(name, types[kind], recipient)]  # noqa: B905
    columns = {
        "article_id": pa.array(article, pa.string()),
        "event_index": pa.array(index % EVENTS_PER_ARTICLE, pa.int32()),
        "type": pa.array(types[kind], pa.string()),
        "status": pa.array(["occurred"] * n, pa.string()),
        "actor_names": _singletons(pa.array(name, pa.string())),
        "actor_countries": _singletons(pa.array(actor, pa.string())),
        "actor_kinds": _singletons(
            pa.array(np.where(named, "person", "country").astype(object), pa.string())
        ),
        "recipient_names": _singletons(pa.array(recipient, pa.string())),
        "recipient_countries": _singletons(pa.array(recipient, pa.string())),
        "recipient_kinds": _singletons(pa.array(["country"] * n, pa.string())),
        "date": pa.array(date, pa.string()),
        "date_precision": pa.array(
            np.array(["day", "week", "month"], dtype=object)[precision], pa.string()
        ),
        "date_source": pa.array(["text"] * n, pa.string()),
        "date_start": pa.array(first, pa.date32()),
        "date_end": pa.array(last, pa.date32()),
        "location_name": pa.array(np.where(placed, places[place], None), pa.string()),
        "location_country": pa.array(np.where(placed, actor, None), pa.string()),
        "cameo": pa.array(np.array([t[1] for t in TYPES], dtype=object)[kind], pa.string()),
        "quad_class": pa.array(np.array([t[2] for t in TYPES])[kind], pa.int32()),
        "goldstein": pa.array(np.array([t[3] for t in TYPES])[kind], pa.float64()),
        "sentence": pa.array(sentence, pa.string()),
        "published": published.cast(pa.date32()),
        "source": pa.array(outlets[outlet], pa.string()),
    }
    schema = SCHEMAS["events"]
    events = pa.table([columns.get(f.name, pa.nulls(n, f.type)) for f in schema], schema=schema)
    first_rows = np.flatnonzero(index % EVENTS_PER_ARTICLE == 0)  # batches hold whole articles
    ids = events["article_id"].take(first_rows)
    m = len(ids)
    articles = pa.table(
        {
            "id": ids,
            "published": events["published"].take(first_rows),
            "title": pa.nulls(m, pa.string()),
            "url": pc.binary_join_element_wise("https://example.org/", ids, ""),
            "source": pa.nulls(m, pa.string()),
            "origin": pa.nulls(m, pa.string()),
            "text": pa.array([""] * m, pa.string()),
            "ingested_at": pa.array(
                [dt.datetime.now(dt.UTC)] * m, SCHEMAS["articles"].field("ingested_at").type
            ),
        },
        schema=SCHEMAS["articles"],
    )
    return {"articles": articles, "events": events}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def rss_mb() -> float:
    """Resident memory now (Linux), beside the peak: the peak only ever rises."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def timed(label: str, call) -> object:
    started = time.perf_counter()
    result = call()
    print(f"  {label:<44} {time.perf_counter() - started:7.3f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--batch", type=int, default=50_000, help="events per batch (commit)")
    parser.add_argument("--store", type=Path, default=None, help="kept if given")
    parser.add_argument(
        "--queries-only", action="store_true", help="time the queries on an existing --store"
    )
    args = parser.parse_args()
    if args.queries_only:
        if args.store is None:
            parser.error("--queries-only needs --store")
        queries(args.store)
        return
    batch = args.batch - args.batch % EVENTS_PER_ARTICLE  # an article never spans batches
    folder = args.store or Path(tempfile.mkdtemp(prefix="parley-bench-store-"))
    rng = np.random.default_rng(7)
    store = Store(folder)
    print(f"store {folder}: {args.events:,} events in batches of {batch:,}", flush=True)
    started, done, next_mark, made_s = time.perf_counter(), 0, 1_000_000, 0.0
    while done < args.events:
        count = min(batch, args.events - done)
        t0 = time.perf_counter()
        tables = synthetic_batch(done, count, rng)
        made_s += time.perf_counter() - t0
        store.ingest_tables(tables)
        done += count
        if done >= next_mark or done == args.events:
            # No query here: a count over every happening would measure the store's size,
            # not the memory of ingest.
            elapsed = time.perf_counter() - started
            print(
                f"{done:>11,} events  ingest {elapsed - made_s:7.1f} s"
                f" ({done / max(elapsed - made_s, 1e-9):,.0f} events/s; generating "
                f"{made_s:.1f} s)  RSS {rss_mb():,.0f} MB, peak {peak_rss_mb():,.0f} MB",
                flush=True,
            )
            next_mark += 1_000_000
    store.close()
    print(f"peak RSS of the ingest: {peak_rss_mb():,.0f} MB", flush=True)
    queries(folder)
    if args.store is None:
        shutil.rmtree(folder)


def queries(folder: Path) -> None:
    """Time the two queries from Parquet, then through the CLI's kept copy."""
    copy = folder / READ_COPY  # built (or extended) below, and timed
    reader = Store(folder)
    events, happenings = timed(
        "count events and happenings (full scans)",
        lambda: (
            reader.count_events(),
            reader.sql("SELECT count(*) AS n FROM happenings")["n"][0].as_py(),
        ),
    )
    print(f"  {events:,} events in {happenings:,} happenings")
    answers = []
    for way in ("parquet", "copy"):
        if way == "copy":
            print("the CLI's copy, clustered by country pair:")
            builder = Store(folder, local_copy=copy)
            timed("build it, or bring it up to date", builder.latest_date)
            builder.close()
        for attempt in ("cold", "warm"):
            if attempt == "cold":
                reader = Store(folder, local_copy=copy) if way == "copy" else Store(folder)
            print(f"queries from {way} ({attempt}):")
            weeks = timed("weekly trend USA-CHN", lambda r=reader: r.trend("USA", "CHN", by="week"))
            table = timed(
                "dedup events USA-CHN (first 100 happenings)",
                lambda r=reader: r.events(
                    countries=("USA", "CHN"), undirected=True, dedup=True, limit=100
                ),
            )
        answers.append((weeks, table.to_pylist()))  # type: ignore[union-attr]
        reader.close()
        print(
            f"  {len(weeks)} weeks, {sum(w['events'] for w in weeks):,} events, "  # type: ignore[union-attr]
            f"{sum(w['happenings'] for w in weeks):,} happenings; first happening has "  # type: ignore[union-attr]
            f"{table['mentions'][0].as_py()} mentions"  # type: ignore[index]
        )
    (weeks_a, rows_a), (weeks_b, rows_b) = answers
    print(
        "same answers both ways: dedup rows", rows_a == rows_b,
        "| trend counts", [_counts(w) for w in weeks_a] == [_counts(w) for w in weeks_b],
        "| Goldstein means within 1e-9", all(
            abs((a["goldstein_mean"] or 0) - (b["goldstein_mean"] or 0)) < 1e-9
            for a, b in zip(weeks_a, weeks_b, strict=True)
        ),
    )  # fmt: skip


def _counts(week: dict) -> dict:
    """A trend row less its floating-point sums, whose last bits follow the scan order."""
    return {k: v for k, v in week.items() if not k.startswith("goldstein")}


if __name__ == "__main__":
    main()
