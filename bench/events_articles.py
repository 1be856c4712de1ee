"""Event benchmark on the development articles in bench/articles (issue 5).

    .venv/bin/python bench/events_articles.py [--errors]

The articles are short wire-style stories written for this project; bench/articles/gold.jsonl
holds one hand-annotated PLOVER event per line (see bench/articles/README.md). The whole parley
pipeline (``sources.read`` + ``pipeline.extract``, the model loaded once) runs over every
article. A predicted event matches a gold one when it comes from the same article, its sentence
contains the gold sentence substring, and its type is the gold type (or one of the gold
``also`` types, e.g. AGREE for a planned meeting, as the seed example allows).

Printed:

* precision and recall of (sentence, type) pairs: predicted events are grouped by article,
  sentence and type, and a group is correct when it matches a gold event;
* among matched gold events (the best matching prediction each): agreement of actor countries,
  recipient countries (both as sets, ``None`` dropped), date value (exact TIMEX3 string) and
  status. For the mutual types CONSULT and COOPERATE the manual leaves direction open (all
  participants may be actors), so there both sides compare the union of the participants;
* a strict precision/recall where type, actor and recipient countries and date all agree.

This is a development set: look at its errors freely, but never copy its sentences or names
into parley's code or data.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley import nlp, pipeline, sources
from parley.records import Article, Event, Extraction

HERE = Path(__file__).resolve().parent / "articles"
MUTUAL = {"CONSULT", "COOPERATE"}  # direction is optional in the manual for these
IGO_CODES = {"IGO", "UNO", "EUR"}  # gold IGO also accepts the finer UN and EU codes


@dataclass(frozen=True)
class Predicted:
    article: str
    event: Event
    actor: frozenset[str]
    recipient: frozenset[str]


def _same_side(gold: set[str], predicted: frozenset[str]) -> bool:
    if gold == set(predicted):
        return True
    if "IGO" in gold:  # the gold IGO may be coded as UNO or EUR
        rest = gold - {"IGO"}
        return rest <= predicted and bool(predicted - rest) and predicted - rest <= IGO_CODES
    return False


def _agreement(gold: dict[str, Any], p: Predicted) -> dict[str, bool]:
    actor, recipient = set(gold["actor"]), set(gold["recipient"])
    if gold["type"] in MUTUAL:
        both = _same_side(actor | recipient, p.actor | p.recipient)
        actor_ok = recipient_ok = both
    else:
        actor_ok = _same_side(actor, p.actor)
        recipient_ok = _same_side(recipient, p.recipient)
    return {
        "actor": actor_ok,
        "recipient": recipient_ok,
        "date": p.event.date == gold["date"],
        "status": p.event.status == gold["status"],
    }


def _strict(agree: dict[str, bool]) -> bool:
    return agree["actor"] and agree["recipient"] and agree["date"]


def _matches(gold: dict[str, Any], p: Predicted) -> bool:
    types = {gold["type"], *gold.get("also", [])}
    return (
        p.article == gold["article"]
        and gold["sentence"] in p.event.sentence
        and (p.event.type in types)
    )


def _describe(p: Predicted) -> str:
    e = p.event
    return (
        f"{e.type} {sorted(p.actor)}->{sorted(p.recipient)} {e.date} {e.status}"
        f"  | {e.sentence.strip()[:110]}"
    )


def _gold_line(g: dict[str, Any]) -> str:
    return (
        f"{g['type']} {g['actor']}->{g['recipient']} {g['date']} {g['status']}  | {g['sentence']}"
    )


def run(folder: Path) -> tuple[list[dict[str, Any]], list[Predicted], float]:
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text().splitlines() if line]
    paths = sorted(folder.glob("*.txt"))
    articles: list[Article] = []
    for item in sources.read(paths):
        if not isinstance(item, Article):
            raise SystemExit(f"input problem: {item}")
        articles.append(item)
    began = time.perf_counter()
    predicted: list[Predicted] = []
    for result in pipeline.extract(articles, nlp.load()):
        if not isinstance(result, Extraction):
            raise SystemExit(f"extraction failed: {result}")
        name = Path((result.article.origin or "").split(":")[0]).name
        countries = {a.id: a.country for a in result.actors}
        for event in result.events:
            predicted.append(
                Predicted(
                    article=name,
                    event=event,
                    actor=frozenset(c for i in event.actor if (c := countries.get(i))),
                    recipient=frozenset(c for i in event.recipient if (c := countries.get(i))),
                )
            )
    return gold, predicted, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=HERE)
    parser.add_argument("--errors", action="store_true", help="print misses and false positives")
    args = parser.parse_args()
    gold, predicted, seconds = run(args.folder)

    # (sentence, type) level: gold keys and predicted groups.
    gold_keys = {(g["article"], g["sentence"], g["type"]) for g in gold}
    found_keys: set[tuple[str, str, str]] = set()
    groups: dict[tuple[str, str, str], list[Predicted]] = defaultdict(list)
    for p in predicted:
        groups[(p.article, p.event.sentence, p.event.type)].append(p)
    correct_groups = 0
    false_positives: list[Predicted] = []
    for members in groups.values():
        hits = [g for g in gold if _matches(g, members[0])]
        if hits:
            correct_groups += 1
            found_keys.update((g["article"], g["sentence"], g["type"]) for g in hits)
        else:
            false_positives.extend(members)

    # Event level: best prediction per gold event, agreement and strict match.
    totals = {"actor": 0, "recipient": 0, "date": 0, "status": 0}
    matched = strict_gold = 0
    misses: list[dict[str, Any]] = []
    disagreements: list[tuple[dict[str, Any], Predicted, dict[str, bool]]] = []
    strict_predicted: set[int] = set()
    for g in gold:
        candidates = [p for p in predicted if _matches(g, p)]
        if not candidates:
            misses.append(g)
            continue
        matched += 1
        scored = [(sum(_agreement(g, p).values()), p) for p in candidates]
        best = max(scored, key=lambda pair: pair[0])[1]
        agree = _agreement(g, best)
        for field, ok in agree.items():
            totals[field] += ok
        if not all(agree.values()):
            disagreements.append((g, best, agree))
        strict = [p for p in candidates if _strict(_agreement(g, p))]
        if strict:
            strict_gold += 1
            strict_predicted.update(id(p) for p in strict)

    n_gold, n_groups = len(gold_keys), len(groups)
    p_type = correct_groups / n_groups if n_groups else 0.0
    r_type = len(found_keys & gold_keys) / n_gold if n_gold else 0.0
    strict_p = len(strict_predicted) / len(predicted) if predicted else 0.0
    strict_r = strict_gold / len(gold) if gold else 0.0
    n_articles = len({g["article"] for g in gold})
    print(
        f"articles: {n_articles}, gold events {len(gold)}, predicted events {len(predicted)}"
        f" ({seconds:.1f} s)"
    )
    print(
        f"(sentence, type): P {p_type:.3f} ({correct_groups}/{n_groups})"
        f"  R {r_type:.3f} ({len(found_keys & gold_keys)}/{n_gold})"
    )
    if matched:
        print(f"among {matched} matched gold events, agreement of:")
        for field, hits in totals.items():
            print(f"  {field:<10}{hits:>4}/{matched} = {hits / matched:.3f}")
    print(
        f"strict (type+actor+recipient+date): P {strict_p:.3f} ({len(strict_predicted)}"
        f"/{len(predicted)})  R {strict_r:.3f} ({strict_gold}/{len(gold)})"
    )
    if args.errors:
        print("\n== misses (gold with no prediction of its type in its sentence)")
        for g in misses:
            print(f"{g['article']}: {_gold_line(g)}")
            for p in predicted:
                if p.article == g["article"] and g["sentence"] in p.event.sentence:
                    print(f"    predicted: {_describe(p)}")
        print("\n== false positives (predicted (sentence, type) with no gold)")
        for p in false_positives:
            print(f"{p.article}: {_describe(p)}")
        print("\n== matched with disagreement (gold / best prediction)")
        for g, p, agree in disagreements:
            wrong = ",".join(f for f, ok in agree.items() if not ok)
            print(f"{g['article']} [{wrong}]\n    gold: {_gold_line(g)}\n    pred: {_describe(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
