"""Extraction speed against a bare spaCy pass over the same real articles.

    python bench/throughput.py [--limit 300] [--text-dir DIR]

Prints articles/s for ``nlp.pipe`` alone and for parley's full extraction in the
same run, their ratio (goal: extraction costs at most 25% over spaCy alone), and
the share each extractor adds. Reads the PolNeAR news texts from ../shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from pathlib import Path

from parley import actors, events, nlp, pipeline, places, quotes, temporal
from parley.records import Article

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "data" / "quotes" / "polnear" / "train" / "text"
DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def load_articles(folder: Path, limit: int) -> list[Article]:
    articles = []
    for path in sorted(folder.glob("*.txt"))[:limit]:
        found = DATE_IN_NAME.search(path.name)
        published = dt.date.fromisoformat(found.group(1)) if found else dt.date(2016, 10, 1)
        articles.append(Article(id=path.stem, published=published, text=path.read_text()))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--text-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()

    articles = load_articles(args.text_dir, args.limit)
    if not articles:
        raise SystemExit(f"no .txt articles in {args.text_dir}")
    words = sum(len(a.text.split()) for a in articles)
    language = nlp.load()
    list(language.pipe(["warm up the pipeline once"]))

    started = time.perf_counter()
    docs = list(nlp.parse(language, (a.text for a in articles)))
    spacy_s = time.perf_counter() - started

    started = time.perf_counter()
    results = list(pipeline.extract(articles, language))
    parley_s = time.perf_counter() - started

    # Per-stage cost over the already parsed documents, in pipeline order.
    stage_s = dict.fromkeys(("temporal", "places", "actors", "events", "quotes"), 0.0)
    for doc, article in zip(docs, articles, strict=True):
        t0 = time.perf_counter()
        timexes = temporal.find_timexes(doc, article.published)
        t1 = time.perf_counter()
        found_places = places.find_places(doc)
        t2 = time.perf_counter()
        found_actors = actors.find_actors(doc, None)
        t3 = time.perf_counter()
        events.find_events(doc, article, timexes, found_actors, found_places)
        t4 = time.perf_counter()
        quotes.find_quotes(doc, found_actors)
        t5 = time.perf_counter()
        for name, seconds in zip(
            stage_s, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True
        ):
            stage_s[name] += seconds

    n = len(articles)
    print(f"{n} articles, {words} words ({words / n:.0f} per article)")
    print(f"spaCy nlp.pipe alone : {n / spacy_s:7.2f} articles/s  ({spacy_s:.1f} s)")
    print(f"parley extract       : {n / parley_s:7.2f} articles/s  ({parley_s:.1f} s)")
    print(f"ratio extract/spaCy  : {parley_s / spacy_s:.3f}  (goal <= 1.25)")
    for name, seconds in stage_s.items():
        print(f"  {name:<9} adds {100 * seconds / spacy_s:5.1f}% of the spaCy time")
    found = sum(len(r.events) for r in results if hasattr(r, "events"))
    print(f"events found: {found}, problems: {sum(not hasattr(r, 'events') for r in results)}")


if __name__ == "__main__":
    main()
