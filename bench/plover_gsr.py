"""Event-type benchmark on the PLOVER gold standard records (CAMEO manual sentences).

    .venv/bin/python bench/plover_gsr.py [--shared ../shared] [--misses] [--asserted]
    .venv/bin/python bench/plover_gsr.py --file bench/sentences/dev.json [--misses]

Each gold record is one sentence with one PLOVER event (labels from PLOVER 0.5b1, mapped to
today's categories: DEMAND->REQUEST, DISAPPROVE and INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
The whole parley pipeline runs over each sentence (published = the record's date). A record
counts as predicting type T when any of its events has type T; per record the gold type is a
TP when predicted (else an FN) and every other predicted type is an FP. Printed: per-type
precision/recall/F1, macro-F1 over the gold types, and, on matched events, how often the
actor and recipient countries agree with the gold source and target codes.

This is an evaluation set: the lexicon is written from the PLOVER manual and general CAMEO
knowledge, never fitted to these sentences.

``--asserted`` counts only the events parley asserts (occurred or planned): a negated or
hypothetical event is parley's own statement that something did not or may not happen, and
by default it still counts as predicting its type.

``--file`` scores another file in the same format instead, such as the sentence sets written
for this project in ``bench/sentences/`` (``dev.json`` to develop against, ``heldout.json``
to check). There a record may be labelled ``NONE``: a sentence with no codable event, where
every predicted type is a false positive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, get_args

from parley import nlp, pipeline
from parley.records import Article, EventStatus, Extraction

LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT", "ROM": "ROU", "SER": "SRB"}
# Gold "IGO" covers what parley codes more finely.
IGO_CODES = {"IGO", "UNO", "EUR"}
# The label of a record whose sentence holds no codable event (our own sets only).
NO_EVENT = "NONE"


def _codes(side: Any) -> set[str]:
    if not isinstance(side, list):
        return set()
    return {CAMEO_TO_ISO.get(a.get("code", ""), a.get("code", "")) for a in side if a.get("code")}


def _agrees(gold: set[str], predicted: set[str | None]) -> bool:
    if "IGO" in gold and predicted & IGO_CODES:
        return True
    return bool(gold & predicted)


def load(path: Path) -> list[dict[str, Any]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def print_type_scores(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> float:
    """Per-type precision, recall and F1 over the gold types, then macro-F1 and micro P/R;
    returns the macro-F1."""
    types = sorted(set(tp) | set(fn))
    print(f"{'type':<11}{'gold':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}")
    f1s = []
    for t in types:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f1)
        print(
            f"{t:<11}{tp[t] + fn[t]:>6}{tp[t]:>5}{fp[t]:>5}{fn[t]:>5}{p:>8.3f}{r:>8.3f}{f1:>8.3f}"
        )
    extra = sorted(set(fp) - set(types))
    if extra:
        print("FP of types absent from gold:", {t: fp[t] for t in extra})
    micro_p = sum(tp.values()) / max(1, sum(tp.values()) + sum(fp.values()))
    micro_r = sum(tp.values()) / max(1, sum(tp.values()) + sum(fn.values()))
    macro = sum(f1s) / max(1, len(f1s))
    print(f"macro-F1 {macro:.3f}   micro P {micro_p:.3f} R {micro_r:.3f}")
    return macro


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--misses", action="store_true", help="print every FN/FP record")
    parser.add_argument("--file", type=Path, help="score these records instead of the GSR")
    parser.add_argument(
        "--asserted",
        action="store_true",
        help="count only occurred and planned events (not negated or hypothetical ones)",
    )
    args = parser.parse_args()
    path = args.file or args.shared / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not path.is_file():
        print(f"no gold records at {path}", file=sys.stderr)
        return 2
    records = load(path)
    articles = [
        Article(
            id=r["id"],
            published=dt.date.fromisoformat(r.get("date") or "2000-01-01"),
            text=r["text"],
        )
        for r in records
    ]
    # every event by default; with --asserted only those parley says happened or are planned
    # (a negated or hypothetical event is parley's own "this did not / may not happen")
    counted = {"occurred", "planned"} if args.asserted else set(get_args(EventStatus))
    began = time.perf_counter()
    results = list(pipeline.extract(articles, nlp.load()))
    seconds = time.perf_counter() - began

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    actor_hits = actor_total = recipient_hits = recipient_total = failures = 0
    nothing_expected = nothing_found = 0
    for record, result in zip(records, results, strict=True):
        gold = LABELS.get(record["event"], record["event"])
        if not isinstance(result, Extraction):
            failures += 1
            fn[gold] += 1
            continue
        predicted = {e.type for e in result.events if e.status in counted}
        if gold == NO_EVENT:
            nothing_expected += 1
            nothing_found += not predicted
        elif gold in predicted:
            tp[gold] += 1
            matched = [e for e in result.events if e.type == gold]
            countries = {a.id: a.country for a in result.actors}
            gold_source, gold_target = _codes(record.get("source")), _codes(record.get("target"))
            if gold_source:
                actor_total += 1
                actor_hits += any(
                    _agrees(gold_source, {countries.get(i) for i in e.actor}) for e in matched
                )
            if gold_target:
                recipient_total += 1
                recipient_hits += any(
                    _agrees(gold_target, {countries.get(i) for i in e.recipient}) for e in matched
                )
        else:
            fn[gold] += 1
        for other in predicted - {gold}:
            fp[other] += 1
        if args.misses and predicted != {gold}:
            print(f"[{gold} vs {sorted(predicted)}] {record['text']}")
            for event in result.events:
                print(f"    {event.type} {event.status}: {event.why}")

    print(f"{path.name}: {len(records)} records, {seconds:.1f} s, {failures} failures")
    print_type_scores(tp, fp, fn)
    if nothing_expected:
        print(f"records with no event: {nothing_found}/{nothing_expected} left uncoded")
    if actor_total:
        print(
            f"actor country agreement on matched events: {actor_hits}/{actor_total}"
            f" = {actor_hits / actor_total:.3f}"
        )
    if recipient_total:
        print(
            f"recipient country agreement on matched events: {recipient_hits}/{recipient_total}"
            f" = {recipient_hits / recipient_total:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
