"""The command line as a user meets it: extract, ingest, events, quotes, demo, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app

ARTICLE = """date 2024-05-02

Chile's Foreign Minister Ana Rojas met Argentine Foreign Minister Diego Sosa in Santiago on Tuesday.
The two ministers agreed to reopen a border crossing closed since 2020, officials said.
"""


@pytest.fixture(scope="module")
def runner(nlp) -> CliRunner:  # nlp: load the model once before the first command
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    (folder / "deeper").mkdir(parents=True)
    (folder / "chile.txt").write_text(ARTICLE)
    rows = [
        {
            "id": "a1",
            "published": "2024-05-03",
            "text": "Russian forces attacked Kharkiv on Thursday.",
        },
        {
            "id": "a2",
            "published": "2024-05-04",
            "text": "Ukraine accused Russia of shelling Kharkiv.",
        },
    ]
    (folder / "deeper" / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_extract_reads_stdin_and_prints_one_object_per_document(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    doc = json.loads(line)
    assert doc["published"] == "2024-05-02"
    assert {"timexes", "actors", "events", "quotes"} <= doc.keys()
    assert any(a["name"] == "Ana Rojas" and a["country"] == "CHL" for a in doc["actors"])


def test_extract_table_format(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(app, ["extract", str(corpus / "chile.txt"), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Ana Rojas" in result.stdout


def test_extract_published_supplies_a_missing_date(runner: CliRunner, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Germany pledged military aid to Ukraine on Monday.")
    refused = runner.invoke(app, ["extract", str(plain)])
    assert refused.exit_code != 0
    assert "plain.txt" in refused.stderr
    accepted = runner.invoke(app, ["extract", str(plain), "--published", "2024-01-10"])
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(accepted.stdout)["published"] == "2024-01-10"


def test_bad_inputs_are_named_and_the_rest_still_processed(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"date 2024-01-01\n\x00\x01\x02\x00")
    (tmp_path / "latin1.txt").write_bytes("date 2024-01-01\n\nCaf\xe9 talks".encode("latin-1"))
    (tmp_path / "good.txt").write_text(ARTICLE)
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1  # good.txt still extracted
    for name in ("empty.txt", "binary.txt", "latin1.txt"):
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert len(lines) == 1, result.stderr


def test_ingest_is_idempotent_and_events_are_queryable(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    first = runner.invoke(app, ["ingest", str(corpus), "--store", str(store)])
    assert first.exit_code == 0, first.output
    assert "3 new articles" in first.stderr
    again = runner.invoke(app, ["ingest", str(corpus), "--store", str(store)])
    assert again.exit_code == 0, again.output
    assert "0 new articles (3 already stored)" in again.stderr

    listed = runner.invoke(app, ["events", "--store", str(store), "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows, listed.output
    assert len({(r["article_id"], r["event_index"]) for r in rows}) == len(rows)

    assault = runner.invoke(
        app,
        ["events", "--store", str(store), "--type", "assault", "--pair", "RUS", "UKR", "-f", "csv"],
    )
    table = list(csv.DictReader(io.StringIO(assault.stdout)))
    assert table and all(r["type"] == "ASSAULT" for r in table)

    none = runner.invoke(
        app, ["events", "--store", str(store), "--since", "2030-01-01", "-f", "jsonl"]
    )
    assert none.exit_code == 0 and none.stdout.strip() == ""

    bad_date = runner.invoke(app, ["events", "--store", str(store), "--since", "yesterday"])
    assert bad_date.exit_code != 0


def test_demo_ingests_the_bundled_examples(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-seed.txt"
    result = runner.invoke(
        app, ["demo", "--store", str(tmp_path / "demo"), "--founding", str(missing)]
    )
    assert result.exit_code == 0, result.output
    assert "Timeline" in result.stdout
    assert "Events" in result.stdout and "Quotes" in result.stdout
    assert "founding example" not in result.stdout and "--pair KOR JPN" in result.stdout


def test_demo_ingests_the_founding_example_when_it_is_there(
    runner: CliRunner, tmp_path: Path
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text(
        "date 2023-06-19\n\nUS Secretary of State Antony Blinken met Chinese Foreign Minister "
        "Qin Gang in Beijing on Sunday.\n",
        encoding="utf-8",
    )
    store = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--store", str(store), "--founding", str(seed)])
    assert result.exit_code == 0, result.output
    assert "founding example" in result.stdout and "--pair USA CHN" in result.stdout
    listed = runner.invoke(
        app, ["events", "--store", str(store), "--pair", "USA", "CHN", "--format", "jsonl"]
    )
    (meeting,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (meeting["type"], meeting["date"]) == ("CONSULT", "2023-06-18")


def test_actors_list_show_and_correct(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["ingest", str(corpus), "--store", store]).exit_code == 0
    listed = runner.invoke(app, ["actors", "list", "--store", store, "--format", "jsonl"])
    rojas = next(json.loads(line) for line in listed.stdout.splitlines() if "Rojas" in line)
    assert (rojas["name"], rojas["country"], rojas["role"]) == (
        "Ana Rojas", "CHL", "Foreign Minister",
    )  # fmt: skip
    shown = runner.invoke(app, ["actors", "show", "Ana Rojas", "--store", store])
    assert (
        shown.exit_code == 0 and "Foreign Minister" in shown.stdout and "Diego Sosa" in shown.stdout
    )
    assert runner.invoke(app, ["actors", "show", "Nobody", "--store", store]).exit_code == 1

    bad = runner.invoke(app, ["actors", "correct", "Ana Rojas", "--store", store, "--sector", "XX"])
    assert bad.exit_code == 2 and "GOV" in bad.output
    fixed = runner.invoke(
        app,
        ["actors", "correct", "Ana Rojas", "--store", store, "--country", "per",
         "--note", "moved to Lima"],
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    corrections = runner.invoke(app, ["actors", "corrections", "--store", store, "-f", "jsonl"])
    [row] = [json.loads(line) for line in corrections.stdout.splitlines()]
    assert (row["name"], row["country"], row["note"]) == ("Ana Rojas", "PER", "moved to Lima")

    # a later article that names her codes her with the correction, over the text's "Chile's"
    later = tmp_path / "later.txt"
    later.write_text(
        "date 2024-06-10\n\nChile's Foreign Minister Ana Rojas visited Quito on Monday. "
        "Rojas met Ecuador's president.\n"
    )
    assert runner.invoke(app, ["ingest", str(later), "--store", store]).exit_code == 0
    events = runner.invoke(app, ["events", "--actor", "Rojas", "--store", store, "-f", "jsonl"])
    newest = [json.loads(line) for line in events.stdout.splitlines()][-1]
    assert newest["published"] == "2024-06-10" and newest["actor_countries"] == ["PER"]
    # re-ingesting everything changes nothing and keeps the correction
    again = runner.invoke(app, ["ingest", str(corpus), str(later), "--store", store])
    assert again.exit_code == 0 and "0 new articles" in again.output
    corrections = runner.invoke(app, ["actors", "corrections", "--store", store, "-f", "jsonl"])
    assert len(corrections.stdout.splitlines()) == 1
    # stored rows read with the correction too: the actor list, events and quotes
    listed = runner.invoke(
        app, ["actors", "list", "--store", store, "--name", "rojas", "-f", "jsonl"]
    )
    assert [json.loads(line)["country"] for line in listed.stdout.splitlines()] == ["PER"]
    events = runner.invoke(app, ["events", "--actor", "Rojas", "--store", store, "-f", "jsonl"])
    assert all(
        json.loads(line)["actor_countries"][0] == "PER" for line in events.stdout.splitlines()
    )
