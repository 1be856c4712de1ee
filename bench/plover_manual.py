"""Event-type development benchmark on the example sentences of the PLOVER manual.

    .venv/bin/python bench/plover_manual.py [--shared ../shared] [--misses] [--list]

The manual (``data/plover/PLOVER_MANUAL.tex``, read at run time, never copied) quotes a few
sentences while it defines its categories. Each quoted clause with a subject becomes one
example; its label comes, in this order, from:

1. a CAMEO coding shown right after it (``USA  RUS  112``), translated with the official
   table ``CAMEO2PLOVER-2021.txt`` (type and mode; the two country codes are the gold actor and
   recipient);
2. the sentence around it: "should be coded as \\plcat{AID}", "only the \\plcat{ASSAULT} should
   be coded" (a mode name such as RESTRICT stands for the type that has that mode), or "will
   not be coded" (no event expected);
3. an auxiliary-mode label before it (future, hypothetical, negation, historical), which checks
   the status only;
4. else the event category whose section quotes it.

Scoring follows ``plover_gsr.py``: a record predicts type T when any of its events has type T;
the gold type is a TP when predicted (else an FN) and every other predicted type is an FP.
Printed: per-type precision/recall/F1 and macro-F1 over the gold types, then how often the
expected status and mode are found. This is the development split for the event lexicon.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from plover_gsr import CAMEO_TO_ISO, _agrees, print_type_scores

from parley import nlp, pipeline
from parley.records import Article, Extraction

TYPES = frozenset(
    {
        *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
        *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
    }
)
# Auxiliary modes (manual section "Auxiliary modes") -> parley's event status.
AUX_STATUS = {
    "future": "planned",
    "hypothetical": "hypothetical",
    "negation": "negated",
    "historical": "occurred",
}
PUBLISHED = dt.date(2021, 9, 17)  # the manual's date
QUOTE = re.compile(r"``(.+?)(?:''|\")", re.S)
CODED_AS = re.compile(r"(?:coded as|only the)\s+\\plcat\{(\w+)\}")
NOT_CODED = re.compile(r"(?:will|should) not be coded")
AUX_LABEL = re.compile(r"\\plcon\{(\w+)\}:\s*$")
CAMEO_ROW = re.compile(r"^\s*([A-Z]{3})\s+([A-Z]{3})\s+(\d{3,4})\s*$", re.M)


@dataclass
class Example:
    text: str
    section: str
    gold: str | None  # None: no event expected
    mode: str | None = None
    status: str | None = None  # expected status (auxiliary-mode examples)
    actor: set[str] | None = None  # gold country codes from a CAMEO coding
    recipient: set[str] | None = None
    typed: bool = True  # False: the example checks the status only


def _uncomment(tex: str) -> str:
    """Drop LaTeX comments: commented-out text is not part of the manual."""
    return "\n".join(re.sub(r"(?<!\\)%.*$", "", line) for line in tex.splitlines())


def _clean(quote: str) -> str:
    text = quote.replace("\\ldots", "...").replace("\\dots", "...").replace("\\$", "$")
    text = re.sub(r"\\(?:emph|textit|ti|txt)\{([^}]*)\}", r"\1", text)
    text = text.replace("’", "'").replace("~", " ")
    text = re.sub(r"\s+", " ", text).strip().rstrip(",").strip()
    text = re.sub(r"(\s*\.\.\.)+$", "", text).rstrip(" ,")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def cameo_table(path: Path) -> dict[str, tuple[str, str | None]]:
    """The official CAMEO-to-PLOVER table: code -> (type, mode)."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m:
            table[m.group(1)] = (m.group(2), (m.group(3) or "").strip() or None)
    return table


def mode_types(tex: str) -> dict[str, set[str]]:
    """Mode name -> the event types whose mode table lists it ("restrict" -> COERCE, ...)."""
    found: dict[str, set[str]] = {}
    for m in re.finditer(
        r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}? modes.*?\\end\{tabular\}", tex, re.S
    ):
        for row in re.finditer(r"^([a-z][\w-]*)\s*&", m.group(0), re.M):
            found.setdefault(row.group(1), set()).add(m.group(1))
    return found


# The manual's quad categories: a mode name shared by two types ("restrict": THREATEN and
# COERCE) belongs to the one on the same side as the section that uses it.
QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


def examples(tex: str, table: dict[str, tuple[str, str | None]]) -> list[Example]:
    """Every labelled example clause the manual quotes, in order, without repeats."""
    tex = _uncomment(tex)
    modes = mode_types(tex)
    # Units a label can reach: paragraphs and list items.
    units = re.split(r"\n\s*\n|\\item\b", tex)
    section = ""
    found: dict[str, Example] = {}
    offset = 0
    sections = [(m.start(), m.group(1)) for m in re.finditer(r"\\section\{([^}]*)\}", tex)]
    for unit in units:
        start = tex.find(unit, offset)
        offset = max(offset, start)
        for pos, name in sections:
            if pos <= start:
                section = name
        for quote in QUOTE.finditer(unit):
            raw = quote.group(1)
            if "\n\n" in raw or re.search(r"\w\s*(?:\.\.\.|\\ldots|\\dots)\s*\w", raw):
                continue  # a fragment ("announced...would withdraw troops")
            text = _clean(raw)
            if len(text.split()) < 4 or "\\" in text or text in found:
                continue
            after = unit[quote.end() :]
            before = unit[: quote.start()]
            example = Example(text=text, section=section, gold=None)
            rows = CAMEO_ROW.findall(after.split("\\end{verbatim}")[0])
            coded = CODED_AS.search(after) or CODED_AS.search(before)
            aux = AUX_LABEL.search(before)
            if rows and rows[0][2] in table:
                # CAMEO codes each dyad; any of its actors (recipients) counts as a match
                example.gold, example.mode = table[rows[0][2]]
                example.actor = {CAMEO_TO_ISO.get(a, a) for a, _, _ in rows}
                example.recipient = {CAMEO_TO_ISO.get(r, r) for _, r, _ in rows}
            elif coded is not None:
                label = coded.group(1)
                if label in TYPES:
                    example.gold = label
                elif label.lower() in modes:
                    # a mode name: the type with that mode, on the section's side of the
                    # verbal/material divide when more than one type has it
                    owners = sorted(modes[label.lower()])
                    near = [t for t in owners if section in TYPES and QUADS[t] == QUADS[section]]
                    example.gold, example.mode = (near or owners)[0], label.lower()
                else:
                    continue
            elif NOT_CODED.search(after):
                example.gold = None
            elif aux is not None and aux.group(1) in AUX_STATUS:
                example.status, example.typed = AUX_STATUS[aux.group(1)], False
            elif section in TYPES:
                example.gold = section
            else:
                continue
            found[text] = example
    return list(found.values())


def _has_subject(doc) -> bool:  # type: ignore[no-untyped-def]
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in doc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--list", action="store_true", help="print every example and its label")
    args = parser.parse_args()
    folder = args.shared / "data" / "plover"
    manual, official = folder / "PLOVER_MANUAL.tex", folder / "CAMEO2PLOVER-2021.txt"
    if not manual.is_file() or not official.is_file():
        print(f"no PLOVER manual or CAMEO table in {folder}", file=sys.stderr)
        return 2
    model = nlp.load()
    found = examples(manual.read_text(encoding="utf-8"), cameo_table(official))
    # Only clauses with a subject can report an event ("Holding talks" names a keyword).
    found = [e for e in found if _has_subject(model(e.text))]
    articles = [
        Article(id=f"manual-{i}", published=PUBLISHED, text=e.text) for i, e in enumerate(found)
    ]
    results = list(pipeline.extract(articles, model))

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    for example, result in zip(found, results, strict=True):
        events = result.events if isinstance(result, Extraction) else ()
        if args.list:
            print(
                f"[{example.section}] gold={example.gold} mode={example.mode} "
                f"status={example.status}: {example.text}"
            )
        predicted = {e.type for e in events}
        miss = False
        if example.typed:
            gold = example.gold
            if gold is not None:
                if gold in predicted:
                    tp[gold] += 1
                else:
                    fn[gold] += 1
                    miss = True
            for other in predicted - {gold}:
                fp[other] += 1
                miss = True
            matched = [e for e in events if e.type == gold]
            if matched and example.mode:
                checks["mode total"] += 1
                checks["mode hits"] += any(e.mode == example.mode for e in matched)
            if matched and isinstance(result, Extraction) and example.actor:
                countries = {a.id: a.country for a in result.actors}
                for role, code in (("actor", example.actor), ("recipient", example.recipient)):
                    checks[f"{role} total"] += 1
                    checks[f"{role} hits"] += any(
                        _agrees(code or set(), {countries.get(i) for i in getattr(e, role)})
                        for e in matched
                    )
        if example.status is not None:
            # the status can only be checked where the clause gives a coded event
            checks["status total"] += bool(events)
            checks["status none"] += not events
            hit = any(e.status == example.status for e in events)
            checks["status hits"] += hit
            miss = miss or not hit
        if args.misses and miss:
            print(f"[{example.gold or example.status} vs {sorted(predicted)}] {example.text}")
            for event in events:
                print(f"    {event.type} {event.status}: {event.why}")

    typed = sum(e.typed for e in found)
    print(f"PLOVER manual: {len(found)} examples ({typed} typed, {len(found) - typed} status only)")
    print_type_scores(tp, fp, fn)
    for what in ("status", "mode", "actor", "recipient"):
        if checks[f"{what} total"]:
            print(f"{what} agreement: {checks[f'{what} hits']}/{checks[f'{what} total']}")
    if checks["status none"]:
        print(f"status examples with no coded event: {checks['status none']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
