"""Actor benchmark on the PLOVER gold records (../shared/data/plover/PLOVER_GSR_CAMEO.txt).

For each gold source/target actor, find the parley actor whose mention overlaps the gold
``actorText`` and report the share resolved to the gold country and (where gold has one) the
gold sector, with the misses counted by cause (``--misses N`` prints N records of each,
which reads the evaluation set: leave it at 0 when developing). Also prints the time actors
take per document next to the bare spaCy parse.

    .venv/bin/python bench/actors.py [--misses N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from parley import actors, nlp, places

GOLD = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "plover"
    / "PLOVER_GSR_CAMEO.txt"
)
# CAMEO country codes that differ from ISO 3166 alpha-3
CAMEO_TO_ISO = {
    "JAP": "JPN", "ITL": "ITA", "GER": "DEU", "ROM": "ROU", "BUL": "BGR", "SUD": "SDN",
    "IRA": "IRN", "LEB": "LBN", "PAL": "PSE", "UKG": "GBR", "YUG": "SRB", "KOS": "KOS",
    "TAW": "TWN", "DRC": "COD", "ZAI": "COD", "BOS": "BIH", "CRO": "HRV", "SER": "SRB",
}  # fmt: skip
# CAMEO puts the UN and the EU under IGO; PLOVER separates them
SAME_CODE = {"IGO": {"IGO", "UNO", "EUR"}, "IMG": {"IMG", "IGO"}}
# CAMEO sector spellings that PLOVER renamed
CAMEO_SECTOR = {"CIV": "CVL", "MOS": "REL"}


def gold_records() -> list[dict]:
    records = json.loads(GOLD.read_text(encoding="utf-8"))
    return [r for r in records if isinstance(r, dict) and r.get("text")]


def gold_actors(record: dict) -> list[tuple[str, dict]]:
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            out += [(role, a) for a in value if isinstance(a, dict) and a.get("actorText")]
    return out


def locate(text: str, actor_text: str) -> tuple[int, int] | None:
    needle = actor_text.split("...")[0].strip().rstrip("(").strip()
    start = text.find(needle)
    if start < 0:
        start = text.lower().find(needle.lower())
    return (start, start + len(needle)) if start >= 0 else None


def country_ok(gold: str, found: str | None) -> bool:
    want = CAMEO_TO_ISO.get(gold, gold)
    return found is not None and (found == want or found in SAME_CODE.get(want, ()))


def main() -> int:
    parser = argparse.ArgumentParser()
    # 0 by default: the records are an evaluation set (issue 5), counted here, not read
    parser.add_argument("--misses", type=int, default=0, help="examples to print per cause")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"gold file not found: {GOLD}")
        return 1
    records = gold_records()
    model = nlp.load()
    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    docs = list(model.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t0
    actors.find_actors(docs[0], None)  # load the knowledge base outside the timing
    places.find_places(docs[0])
    t0 = time.perf_counter()
    found = [actors.find_actors(doc, None) for doc in docs]
    actors_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        places.find_places(doc)
    places_s = time.perf_counter() - t0

    n_country = ok_country = n_sector = ok_sector = 0
    misses: dict[str, list[str]] = defaultdict(list)
    for record, doc, found_actors in zip(records, docs, found, strict=True):
        for _, gold in gold_actors(record):
            span = locate(record["text"], gold["actorText"])
            code = gold.get("code")
            if span is None or not code:
                continue
            actor = actors.actor_at(found_actors, *span)
            n_country += 1
            label = f"{gold['actorText']!r} gold={code}/{gold.get('sector')} in: {doc.text[:90]}"
            if actor is None:
                misses["no actor found"].append(label)
            elif actor.country is None:
                misses["no country"].append(label)
            elif not country_ok(code, actor.country):
                misses["wrong country"].append(f"{label} -> {actor.name}={actor.country}")
            else:
                ok_country += 1
            sector = (gold.get("sector") or "")[:3].upper()
            sector = CAMEO_SECTOR.get(sector, sector)
            if sector and sector != "***":
                n_sector += 1
                if actor is not None and actor.sector == sector:
                    ok_sector += 1
                elif actor is not None:
                    misses["wrong sector"].append(f"{label} -> {actor.name}={actor.sector}")
    print(f"records: {len(records)}  gold actors with text: {n_country}")
    print(f"country: {ok_country}/{n_country} = {100 * ok_country / max(1, n_country):.1f}%")
    print(f"sector:  {ok_sector}/{n_sector} = {100 * ok_sector / max(1, n_sector):.1f}%")
    print(
        f"time: parse {parse_s:.2f}s, actors {actors_s:.3f}s "
        f"({100 * actors_s / parse_s:.1f}% of parse), places {places_s:.3f}s "
        f"({100 * places_s / parse_s:.1f}% of parse)"
    )
    counts = Counter({cause: len(items) for cause, items in misses.items()})
    for cause, count in counts.most_common():
        print(f"\n== {cause}: {count}")
        for line in misses[cause][: args.misses]:
            print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
