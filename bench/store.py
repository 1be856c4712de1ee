"""Store at scale: bulk ingest with deduplication, then a weekly trend and a dedup query.

Writes N synthetic events (3 per article) through ``Store.ingest_tables`` in batches, so
every batch goes through the commit protocol and cross-article deduplication exactly as
a real ingest. The synthetic news runs forward in time (about 10,000 events a day, 3
days of reporting lag), over 60 countries with Zipf-like weights (the first, USA, is in
about a quarter of events), 16 PLOVER types, 300 named people, 200 places and 150
outlets, so many reports merge and many do not.

Printed: ingest rate and peak RSS at each million events (memory must stay flat: each
batch loads only the stored happenings it can touch), then the time of a weekly
USA-CHN trend and of a deduplicated USA-CHN event query on a fresh reader (cold) and
again (warm). ``--events`` scales it down for a quick run.

    python bench/store.py --events 1000000
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

from parley.store import SCHEMAS, Store

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


def synthetic_batch(first_event: int, count: int, rng: np.random.Generator) -> dict[str, pa.Table]:
    """Articles and events for events ``first_event .. first_event + count``."""
    n = count
    index = np.arange(first_event, first_event + n)
    day = index // EVENTS_PER_DAY
    published = np.array(
        [START + dt.timedelta(days=int(d)) for d in range(day.min(), day.max() + 1)]
    )
    published = published[day - day.min()]
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

    events: dict[str, list] = {name: [] for name in SCHEMAS["events"].names}
    for i in range(n):
        a, r = COUNTRIES[actor_c[i]], COUNTRIES[recipient_c[i]]
        event_type, cameo, quad, goldstein = TYPES[kind[i]]
        when = published[i] - dt.timedelta(days=int(lag[i]))
        if precision[i] == 0:
            date, start, end, prec = when.isoformat(), when, when, "day"
        elif precision[i] == 1:
            year, week, _ = when.isocalendar()
            start = dt.date.fromisocalendar(year, week, 1)
            date, end, prec = f"{year}-W{week:02d}", start + dt.timedelta(days=6), "week"
        else:
            start = when.replace(day=1)
            following = (start + dt.timedelta(days=32)).replace(day=1)
            date, end, prec = f"{when:%Y-%m}", following - dt.timedelta(days=1), "month"
        article = f"syn-{index[i] // EVENTS_PER_ARTICLE}"
        name = f"Minister {person[i]} of {a}" if named[i] else a
        row = {
            "article_id": article, "event_index": int(index[i] % EVENTS_PER_ARTICLE),
            "type": event_type, "status": "occurred", "actor_names": [name],
            "actor_countries": [a], "actor_kinds": ["person" if named[i] else "country"],
            "recipient_names": [r], "recipient_countries": [r], "recipient_kinds": ["country"],
            "date": date, "date_precision": prec, "date_source": "text", "date_start": start,
            "date_end": end, "location_name": f"Place {place[i]}" if placed[i] else None,
            "location_country": a if placed[i] else None, "cameo": cameo, "quad_class": quad,
            "goldstein": goldstein, "sentence": f"{name} {event_type.lower()} {r}.",
            "published": published[i], "source": f"outlet{outlet[i]}.example",
        }  # fmt: skip
        for field, values in events.items():
            values.append(row.get(field))
    article_ids = list(dict.fromkeys(events["article_id"]))
    first_day = {a: p for a, p in zip(events["article_id"], events["published"], strict=True)}
    articles = {
        "id": article_ids,
        "published": [first_day[a] for a in article_ids],
        "title": [None] * len(article_ids),
        "url": [f"https://example.org/{a}" for a in article_ids],
        "source": [None] * len(article_ids),
        "origin": [None] * len(article_ids),
        "text": [""] * len(article_ids),
        "ingested_at": [dt.datetime.now(dt.UTC)] * len(article_ids),
    }
    return {
        "articles": pa.Table.from_pydict(articles, schema=SCHEMAS["articles"]),
        "events": pa.Table.from_pydict(events, schema=SCHEMAS["events"]),
    }


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


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
    args = parser.parse_args()
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
            elapsed = time.perf_counter() - started
            happenings = store.sql("SELECT count(*) AS n FROM happenings")["n"][0].as_py()
            print(
                f"{done:>11,} events  {happenings:>11,} happenings  "
                f"ingest {elapsed - made_s:7.1f} s"
                f" ({done / max(elapsed - made_s, 1e-9):,.0f} events/s; generating "
                f"{made_s:.1f} s)  peak RSS {peak_rss_mb():,.0f} MB",
                flush=True,
            )
            next_mark += 1_000_000
    store.close()
    reader = Store(folder)
    for attempt in ("cold", "warm"):
        print(f"queries ({attempt}):")
        weeks = timed("weekly trend USA-CHN", lambda: reader.trend("USA", "CHN", by="week"))
        table = timed(
            "dedup events USA-CHN (first 100 happenings)",
            lambda: reader.events(countries=("USA", "CHN"), undirected=True, dedup=True, limit=100),
        )
    print(
        f"  {len(weeks)} weeks, {sum(w['events'] for w in weeks):,} events, "  # type: ignore[union-attr]
        f"{sum(w['happenings'] for w in weeks):,} happenings; first happening has "  # type: ignore[union-attr]
        f"{table['mentions'][0].as_py()} mentions"  # type: ignore[index]
    )
    if args.store is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
