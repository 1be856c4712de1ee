"""Score parley's quote finder on PolNeAR (brat standoff attributions: Source, Cue, Content).

Every text is parsed once with ``nlp.load()``; ``find_actors`` and ``find_quotes`` run on
each doc. Where an article was annotated by several annotators, the first annotation (by
file name) is used. Figures:

  direct  P/R/F1: our direct quotes against gold attributions whose content holds a quotation
          mark (overlap match);
  all     P/R/F1: all our quotes against all gold attributions (overlap match);
  source accuracy: share of matched direct quotes whose speaker mention overlaps the gold
          Source (the speaker_text occurrence nearest the quote, or any mention of the speaker
          actor), or whose speaker_text is the gold Source's text ("Cruz", "he");
  speed:  docs/s of find_quotes alone (the parse and actors are not counted).

    python bench/quotes.py [--split train|dev] [--limit N] [--cache FILE] [--errors N]

Tune on train; report dev.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spacy.tokens import Doc, DocBin  # noqa: E402

from parley import actors, nlp, quotes  # noqa: E402
from parley.records import Quote  # noqa: E402

DEFAULT_ROOT = REPO.parent / "shared" / "data" / "quotes" / "polnear"
_QUOTE_MARK = re.compile(r"[“”\"„«»]")


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False


@dataclass
class Counts:
    predicted: int = 0
    predicted_hit: int = 0
    gold: int = 0
    gold_hit: int = 0

    def line(self, name: str) -> str:
        p = self.predicted_hit / self.predicted if self.predicted else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{name:8} P {p:.3f} ({self.predicted_hit}/{self.predicted})  "
            f"R {r:.3f} ({self.gold_hit}/{self.gold})  F1 {f:.3f}"
        )


def read_ann(path: Path, text: str) -> list[Gold]:
    """Attributions of one brat file: content and source char spans."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            pieces = []
            for piece in ranges.split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            relations.append(roles)
    golds = []
    for roles in relations:
        content = [p for ref in roles.get("Content", []) for p in spans.get(ref, ("", []))[1]]
        if not content:
            continue
        source = [p for ref in roles.get("Source", []) for p in spans.get(ref, ("", []))[1]]
        marked = any(
            _QUOTE_MARK.search(text[max(s - 1, 0) : min(e + 1, len(text))]) for s, e in content
        )
        golds.append(Gold(content, source, marked))
    return golds


def load_split(root: Path, split: str, limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    folder = root / split
    anns: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for txt in sorted((folder / "text").glob("*.txt")):
        if txt.stem not in anns:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append((txt.stem, text, read_ann(anns[txt.stem], text)))
        if limit and len(out) >= limit:
            break
    return out


def parse_all(texts: list[str], cache: Path | None) -> list[Doc]:
    model = nlp.load()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(model.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    started = time.perf_counter()
    docs = list(nlp.parse(model, texts))
    print(f"parsed {len(docs)} docs in {time.perf_counter() - started:.1f} s")
    if cache:
        DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return docs


def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def speaker_spans(quote: Quote, text: str, found_actors: tuple) -> list[tuple[int, int]]:
    """Where our speaker is mentioned: the nearest speaker_text, and the actor's mentions."""
    spans: list[tuple[int, int]] = []
    if quote.speaker_text:
        best = None
        for m in re.finditer(re.escape(quote.speaker_text), text):
            distance = min(abs(m.start() - quote.end), abs(quote.start - m.end()))
            if best is None or distance < best[0]:
                best = (distance, (m.start(), m.end()))
        if best:
            spans.append(best[1])
    for actor in found_actors:
        if actor.id == quote.speaker:
            spans.extend(actor.mentions)
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--cache", type=Path, help="DocBin file to reuse parses across runs")
    parser.add_argument("--errors", type=int, default=0, help="print N misses of each kind")
    args = parser.parse_args()

    data = load_split(args.root, args.split, args.limit)
    docs = parse_all([text for _, text, _ in data], args.cache)
    found_actors = [actors.find_actors(doc, None) for doc in docs]
    started = time.perf_counter()
    found = [quotes.find_quotes(doc, acts) for doc, acts in zip(docs, found_actors, strict=True)]
    elapsed = time.perf_counter() - started

    direct, every = Counts(), Counts()
    matched = source_hit = 0
    misses: dict[str, list[str]] = {"false positive": [], "missed": [], "wrong source": []}
    for (name, text, golds), doc_quotes, acts in zip(data, found, found_actors, strict=True):
        gold_direct = [g for g in golds if g.direct]
        every.gold += len(golds)
        direct.gold += len(gold_direct)
        for quote in doc_quotes:
            span = (quote.start, quote.end)
            hits = [g for g in golds if overlaps(span, g.content)]
            every.predicted += 1
            every.predicted_hit += bool(hits)
            if quote.direct:
                direct.predicted += 1
                direct.predicted_hit += any(g.direct for g in hits)
                if not any(g.direct for g in hits):
                    misses["false positive"].append(f"{name}: {quote.text[:90]!r}")
            sourced = [g for g in hits if g.source]
            if quote.direct and sourced:
                matched += 1
                ours = speaker_spans(quote, text, acts)
                gold_names = {_norm(text[s:e]) for g in sourced for s, e in g.source}
                if _norm(quote.speaker_text or "") in gold_names or any(
                    overlaps(s, g.source) for s in ours for g in sourced
                ):
                    source_hit += 1
                else:
                    gold_source = text[slice(*sourced[0].source[0])]
                    misses["wrong source"].append(
                        f"{name}: ours {quote.speaker_text!r} ({quote.cue}) gold {gold_source!r}: "
                        f"{quote.text[:60]!r}"
                    )
        for gold in golds:
            hit = any(overlaps((q.start, q.end), gold.content) for q in doc_quotes)
            every.gold_hit += hit
            if gold.direct:
                direct_hit = any(
                    q.direct and overlaps((q.start, q.end), gold.content) for q in doc_quotes
                )
                direct.gold_hit += direct_hit
                if not direct_hit:
                    s, e = gold.content[0]
                    misses["missed"].append(f"{name}: {text[s:e][:90]!r}")

    print(f"PolNeAR {args.split}: {len(data)} docs")
    print(direct.line("direct"))
    print(every.line("all"))
    accuracy = source_hit / matched if matched else 0.0
    print(f"source accuracy {accuracy:.3f} ({source_hit}/{matched} matched direct quotes)")
    print(
        f"find_quotes: {len(docs) / elapsed:.1f} docs/s ({elapsed * 1000 / len(docs):.2f} ms/doc)"
    )
    for kind, lines in misses.items():
        for line in lines[: args.errors]:
            print(f"  {kind}: {line}")


if __name__ == "__main__":
    main()
