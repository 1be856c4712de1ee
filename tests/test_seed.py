"""The founding example end to end: every required item of seed.expected.json.

The expectations are read from ../shared at test time; nothing of them is in the
package. Matching follows the file's own rules (see its "about").
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from parley import pipeline, sources
from parley.records import Actor, Extraction

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "parley" / "schema" / "extract.schema.json"
COOPERATIVE = {"CONSULT", "COOPERATE", "SUPPORT", "AID", "CONCEDE", "RETREAT"}


@pytest.fixture(scope="module")
def expected(shared: Path) -> dict[str, Any]:
    return json.loads((shared / "examples" / "seed.expected.json").read_text())


@pytest.fixture(scope="module")
def seed(shared: Path, nlp) -> Extraction:
    (article,) = list(sources.read([shared / "examples" / "seed.txt"]))
    (result,) = list(pipeline.extract([article], nlp))
    assert isinstance(result, Extraction), result
    return result


def _norm(name: str | None) -> str:
    name = re.sub(r"[’']", "'", (name or "").lower())
    return re.sub(r"^(the|a|an)\s+", "", name).strip()


def _actor(seed: Extraction, actor_id: str) -> Actor:
    return next(a for a in seed.actors if a.id == actor_id)


def _matches_actor(seed: Extraction, ids: tuple[str, ...], want: dict[str, Any]) -> bool:
    for actor_id in ids:
        actor = _actor(seed, actor_id)
        if actor.country != want["country"]:
            continue
        if "name" not in want or _norm(actor.name) == _norm(want["name"]):
            return True
    return False


def test_matches_the_extract_contract(seed: Extraction) -> None:
    jsonschema.validate(seed.to_dict(), json.loads(SCHEMA.read_text()))
    text = seed.article.text
    for timex in seed.timexes:
        assert text[timex.start : timex.end] == timex.text
    for quote in seed.quotes:
        assert text[quote.start : quote.end] == quote.text
    for event in seed.events:
        assert text[event.start : event.end] == event.sentence
        for actor_id in event.actor + event.recipient:
            _actor(seed, actor_id)


def test_required_timexes(seed: Extraction, expected: dict[str, Any]) -> None:
    for want in expected["timexes"]:
        values = {want["value"], *want.get("also", [])}
        hits = [t for t in seed.timexes if want["text"].lower() in t.text.lower()]
        assert any(t.value in values for t in hits), (want, hits)


def test_required_actors(seed: Extraction, expected: dict[str, Any]) -> None:
    text = seed.article.text
    for want in expected["actors"]:
        found = [a for a in seed.actors if _norm(a.name) == _norm(want["name"])]
        assert found, f"no actor {want['name']}"
        actor = found[0]
        assert (actor.country, actor.sector) == (want["country"], want["sector"]), actor
        if "role" in want:
            assert want["role"].lower() in (actor.role or "").lower(), actor
        said = {_norm(text[s:e]) for s, e in actor.mentions}
        for alias in want.get("also_called", []):
            assert _norm(alias) in said, (alias, said)


def test_required_events(seed: Extraction, expected: dict[str, Any]) -> None:
    for want in expected["events"]["required"]:
        types = {want["type"]}
        if want["status"] == "planned" and want["type"] in COOPERATIVE:
            types.add("AGREE")
        hits = [
            e
            for e in seed.events
            if e.type in types
            and e.status == want["status"]
            and (e.date, e.date_precision) == (want["date"], want["precision"])
            and _matches_actor(seed, e.actor, want["actor"])
            and _matches_actor(seed, e.recipient, want["recipient"])
            and ("location" not in want or (e.location and e.location.name == want["location"]))
        ]
        assert hits, f"missing {want}"


def test_no_occurred_meeting_from_a_denial(seed: Extraction) -> None:
    """ "Neither side has confirmed a meeting between Blinken and Xi" is no Blinken-Xi meeting."""
    denial = seed.article.text.index("Neither side has confirmed")
    for event in seed.events:
        names = {_actor(seed, i).name for i in event.actor + event.recipient}
        if event.start <= denial < event.end and {"Antony Blinken", "Xi Jinping"} <= names:
            assert event.status != "occurred", event


def test_required_quotes(seed: Extraction, expected: dict[str, Any]) -> None:
    for want in expected["quotes"]:
        speakers = {_norm(want["speaker"]), *(_norm(s) for s in want.get("also_speaker", []))}
        hits = [q for q in seed.quotes if q.text.lstrip('“"').startswith(want["starts"])]
        assert hits, f"no quote starting {want['starts']!r}"
        quote = hits[0]
        speaker = _actor(seed, quote.speaker) if quote.speaker else None
        assert speaker is not None and _norm(speaker.name) in speakers, (want, speaker)
        if "speaker_country" in want:
            assert speaker.country == want["speaker_country"]
        if "via" in want:
            assert _norm(quote.via) == _norm(want["via"]), quote
