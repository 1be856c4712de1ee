"""Score parley's temporal tagger on TimeML corpora, the TempEval-3 way.

For each ``.tml`` file: the text inside ``<TEXT>`` with its tags stripped, the gold TIMEX3
spans (char offsets into that plain text) with type and value, and the document creation
time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``). All documents are parsed
once with ``nlp.load()`` and ``find_timexes`` runs over each, anchored on the creation time.

Scores, per corpus and combined:
  relaxed span P/R/F1 (any overlap), strict span P/R/F1 (same offsets),
  value P/R/F1 (relaxed match and same value), type accuracy over relaxed matches.
Anchors (TempEval-3 test, HeidelTime): relaxed 90.3, strict 81.3, value 77.6.

    python bench/timeml.py [--dir DIR ...] [--cache FILE] [--errors N]

TimeBank is the development corpus (read its errors with ``--dir .../TimeBank --errors N``);
AQUAINT and ``bench/timeml_heldout`` (eight news texts written for this project, annotated
before parley ran on them) are held out: measure them, do not tune on their errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spacy.tokens import Doc, DocBin  # noqa: E402

from parley import nlp, temporal  # noqa: E402
from parley.records import Timex  # noqa: E402

DEFAULT_ROOT = REPO.parent / "shared" / "data" / "timeml"
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class TimeMLDoc:
    name: str
    corpus: str
    dct: dt.date
    text: str
    gold: list[GoldTimex]


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0
    types: Counter[str] = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for name in ("gold", "system", "relaxed", "strict", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.types.update(other.types)


def read_timeml(path: Path, corpus: str) -> TimeMLDoc:
    """Plain text of <TEXT> with gold TIMEX3 char offsets, and the creation date."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_match is None:
        raise ValueError(f"{path}: no creation time")
    dct_value = dict(_ATTR.findall(dct_match.group(0)))["value"]
    dct = dt.date.fromisoformat(dct_value[:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attributes = open_timex
            open_timex = None
            if attributes.get("functionInDocument") == "CREATION_TIME":
                continue
            gold.append(
                GoldTimex(start, length, attributes["type"], attributes.get("value", ""), "")
            )
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    gold = [GoldTimex(g.start, g.end, g.type, g.value, text[g.start : g.end]) for g in gold]
    return TimeMLDoc(path.stem, corpus, dct, text, gold)


def score(doc: TimeMLDoc, found: tuple[Timex, ...], errors: list[str] | None) -> Score:
    """TempEval-3 scoring: each gold timex is matched to at most one system timex."""
    result = Score(gold=len(doc.gold), system=len(found))
    used: set[int] = set()
    for gold in doc.gold:
        result.types[gold.type] += 1
        match = None
        for index, sys_timex in enumerate(found):
            if index in used:
                continue
            if sys_timex.start < gold.end and gold.start < sys_timex.end:
                match = index
                if sys_timex.start == gold.start and sys_timex.end == gold.end:
                    break
        if match is None:
            if errors is not None:
                errors.append(f"MISS  {doc.name} {gold.type} {gold.value!r} {gold.text!r}")
            continue
        used.add(match)
        sys_timex = found[match]
        result.relaxed += 1
        result.strict += sys_timex.start == gold.start and sys_timex.end == gold.end
        result.value += sys_timex.value == gold.value
        result.type += sys_timex.type == gold.type
        if errors is not None and (sys_timex.value != gold.value or sys_timex.type != gold.type):
            errors.append(
                f"VALUE {doc.name} {doc.dct} gold {gold.type} {gold.value!r} {gold.text!r}"
                f" | sys {sys_timex.type} {sys_timex.value!r} {sys_timex.text!r}"
            )
        elif errors is not None and (sys_timex.start, sys_timex.end) != (gold.start, gold.end):
            errors.append(f"SPAN  {doc.name} gold {gold.text!r} | sys {sys_timex.text!r}")
    if errors is not None:
        for index, sys_timex in enumerate(found):
            if index not in used:
                errors.append(
                    f"EXTRA {doc.name} {sys_timex.type} {sys_timex.value!r} {sys_timex.text!r}"
                )
    return result


def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return 100 * precision, 100 * recall, 100 * f1


def report(name: str, result: Score) -> None:
    rows = [
        ("relaxed", result.relaxed),
        ("strict", result.strict),
        ("value", result.value),
    ]
    print(f"{name}: gold {result.gold} system {result.system}")
    for label, correct in rows:
        p, r, f = _f1(correct, result.system, result.gold)
        print(f"  {label:8s} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    accuracy = 100 * result.type / result.relaxed if result.relaxed else 0.0
    print(f"  type accuracy on matched {accuracy:5.1f}")
    print("  gold types " + ", ".join(f"{k} {v}" for k, v in sorted(result.types.items())))


def parse_all(docs: list[TimeMLDoc], cache: Path | None) -> tuple[list[Doc], bool]:
    """Parsed documents, and whether they came from the cache."""
    model = nlp.load()
    if cache is not None and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(model.vocab))
        if [d.text for d in parsed] == [d.text for d in docs]:
            return parsed, True
    parsed = list(nlp.parse(model, (d.text for d in docs)))
    if cache is not None:
        DocBin(docs=parsed, store_user_data=False).to_disk(cache)
    return parsed, False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dir",
        action="append",
        type=Path,
        help="a folder of .tml files (repeatable); default TimeBank and AQUAINT",
    )
    parser.add_argument("--cache", type=Path, help="keep parsed docs here (DocBin) between runs")
    parser.add_argument("--errors", type=int, default=0, help="print this many error lines")
    args = parser.parse_args(argv)
    folders = args.dir or [DEFAULT_ROOT / "TimeBank", DEFAULT_ROOT / "AQUAINT"]
    folders = [f for f in folders if f.is_dir()]
    if not folders:
        print(f"no TimeML folders found (looked in {DEFAULT_ROOT})")
        return
    docs = [read_timeml(p, f.name) for f in folders for p in sorted(f.glob("*.tml"))]

    started = time.perf_counter()
    parsed, cached = parse_all(docs, args.cache)
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    found = [temporal.find_timexes(p, d.dct) for p, d in zip(parsed, docs, strict=True)]
    tag_seconds = time.perf_counter() - started

    errors: list[str] | None = [] if args.errors else None
    by_corpus: dict[str, Score] = {}
    combined = Score()
    for doc, timexes in zip(docs, found, strict=True):
        result = score(doc, timexes, errors)
        by_corpus.setdefault(doc.corpus, Score()).add(result)
        combined.add(result)
    for corpus, result in by_corpus.items():
        report(corpus, result)
    report("combined", combined)
    tokens = sum(len(p) for p in parsed)
    print(
        f"docs {len(docs)}, tokens {tokens}; find_timexes {tag_seconds:.3f} s"
        f" ({len(docs) / tag_seconds:.0f} docs/s, {1000 * tag_seconds / len(docs):.2f} ms/doc)"
    )
    if cached:
        print("parse: read from the cache (run without --cache to compare with parsing)")
    else:
        print(
            f"parse {parse_seconds:.1f} s ({len(docs) / parse_seconds:.1f} docs/s);"
            f" find_timexes adds {100 * tag_seconds / parse_seconds:.1f}% to parsing"
        )
    if errors:
        print("\n".join(errors[: args.errors]))


if __name__ == "__main__":
    main()
