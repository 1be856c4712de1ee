"""parley trend, alerts, timeline, events --dedup/--mentions and explain (CliRunner, no model)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.records import Actor, Article, Event, Extraction
from parley.store import Store

USA = Actor("a1", "United States", "USA", None, None, ((0, 3),), kind="country")
CHN = Actor("a2", "China", "CHN", None, None, ((0, 3),), kind="country")


def report(article_id: str, day: dt.date, kind: str, quad: int, goldstein: float,
           published: dt.date | None = None, source: str = "wire") -> Extraction:  # fmt: skip
    sentence = f"The United States and China: {kind.lower()} on {day}."
    event = Event(
        type=kind, mode=None, contexts=(), status="occurred", actor=("a1",), recipient=("a2",),
        date=day.isoformat(), date_precision="day", date_source="text", location=None,
        cameo=None, quad_class=quad, goldstein=goldstein, sentence=sentence, start=0,
        end=len(sentence), why="test",
    )  # fmt: skip
    article = Article(article_id, published or day + dt.timedelta(days=1), sentence, source=source)
    return Extraction(article, actors=(USA, CHN), events=(event,))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 quiet weeks (one meeting a week), then a week with a burst of conflict."""
    path = tmp_path_factory.mktemp("trend") / "store"
    monday = dt.date(2023, 1, 2)
    batch = [report(f"w{w}", monday + dt.timedelta(weeks=w), "CONSULT", 1, 1.0) for w in range(20)]
    burst = monday + dt.timedelta(weeks=20)
    batch += [report(f"c{i}", burst + dt.timedelta(days=i % 5), "ASSAULT", 4, -10.0,
                     source=f"outlet{i}") for i in range(12)]  # fmt: skip
    # reported late: published after the burst, happened in week 0
    batch.append(report("late", monday + dt.timedelta(days=2), "ACCUSE", 3, -2.0,
                        published=monday + dt.timedelta(weeks=21)))  # fmt: skip
    Store(path).ingest(batch)
    return path


runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_trend_jsonl_counts_per_week(store_path: Path) -> None:
    lines = run("trend", "usa", "chn", "--by", "week", "--store", str(store_path), "-f", "jsonl")
    weeks = [json.loads(line) for line in lines.splitlines()]
    assert weeks[0]["period"] == "2023-W01" and weeks[0]["events"] == 2  # meeting + late report
    burst = weeks[20]
    assert (burst["quad4"], burst["events"], burst["goldstein_sum"]) == (12, 12, -120.0)
    assert burst["happenings"] == 5  # 12 reports over 5 distinct days: 5 happenings


def test_trend_csv_and_table(store_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("trend", "USA", "CHN", "--store", str(store_path),
                                               "--by", "month", "-f", "csv"))))  # fmt: skip
    assert rows[0]["period"] == "2023-01"
    table = run("trend", "USA", "CHN", "--store", str(store_path))
    assert table.startswith("USA - CHN by week") and table.count("│") > 21 * 8
    directed = run("trend", "CHN", "USA", "--directed", "--store", str(store_path), "-f", "jsonl")
    assert directed == ""  # China never acts on the United States here


def test_alerts_flag_the_burst_week(store_path: Path) -> None:
    lines = run("alerts", "--pair", "USA", "CHN", "--store", str(store_path), "-f", "jsonl")
    alerts = [json.loads(line) for line in lines.splitlines()]
    assert [a["period"] for a in alerts] == ["2023-W21"]
    assert alerts[0]["direction"] == "up" and alerts[0]["value"] == 12
    everything = run("alerts", "--store", str(store_path), "-f", "jsonl")
    assert [json.loads(x)["pair"] for x in everything.splitlines()] == ["CHN-USA"]
    quiet = run("alerts", "--pair", "USA", "CHN", "--threshold", "50", "--store", str(store_path),
                "-f", "jsonl")  # fmt: skip
    assert quiet == ""


def test_timeline_orders_by_event_date_not_publication(store_path: Path) -> None:
    lines = run("timeline", "--pair", "USA", "CHN", "--store", str(store_path), "-f", "jsonl")
    rows = [json.loads(line) for line in lines.splitlines()]
    assert [r["article_id"] for r in rows[:2]] == ["w0", "late"]  # late report, early event
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    deduped = run("timeline", "--actor", "china", "--dedup", "--store", str(store_path), "-f",
                  "jsonl")  # fmt: skip
    assert len(deduped.splitlines()) == 20 + 1 + 5
    assert "ASSAULT" in run("timeline", "--pair", "USA", "CHN", "--store", str(store_path))


def test_events_dedup_mentions_and_explain(store_path: Path) -> None:
    lines = run("events", "--type", "assault", "--dedup", "--store", str(store_path), "-f", "jsonl")
    rows = [json.loads(line) for line in lines.splitlines()]
    assert sorted(r["mentions"] for r in rows) == [2, 2, 2, 3, 3]
    assert sum(r["sources"] for r in rows) == 12
    text = run("events", "--type", "assault", "--mentions", "--store", str(store_path))
    assert text.count("outlet") == 12  # every report listed under its happening
    hid = max(rows, key=lambda r: r["mentions"])["happening_id"]
    explained = run("explain", hid, "--store", str(store_path))
    assert "3 mentions, 3 articles, 3 sources" in explained
    assert "founded" in explained and "same day" in explained
    assert runner.invoke(app, ["explain", "hnothere", "--store", str(store_path)]).exit_code == 1


def test_bad_options_are_refused(store_path: Path) -> None:
    assert (
        runner.invoke(
            app, ["trend", "A", "B", "--by", "year", "--store", str(store_path)]
        ).exit_code
        == 2
    )
    assert (
        runner.invoke(app, ["alerts", "--measure", "x", "--store", str(store_path)]).exit_code == 2
    )
    assert runner.invoke(app, ["timeline", "--store", str(store_path)]).exit_code == 2


def test_query_commands_keep_a_copy_that_follows_new_ingests(tmp_path: Path) -> None:
    path = tmp_path / "store"
    monday = dt.date(2024, 1, 1)

    def weekly() -> list[dict]:
        out = run("trend", "USA", "CHN", "--by", "week", "--format", "jsonl", "--store", str(path))
        return [json.loads(line) for line in out.splitlines()]

    Store(path).ingest([report("a", monday, "CONSULT", 1, 1.0)])
    assert [week["events"] for week in weekly()] == [1]
    copy = path / ".cache" / "read-copy.duckdb"
    assert copy.is_file()  # kept for the next command
    Store(path).ingest([report("b", monday + dt.timedelta(days=1), "ACCUSE", 3, -2.0)])
    out = run(
        "events", "--pair", "USA", "CHN", "--dedup", "--format", "jsonl", "--store", str(path)
    )
    assert [json.loads(line)["type"] for line in out.splitlines()] == ["CONSULT", "ACCUSE"]
    copy.unlink()  # derived: deleting it loses nothing
    assert [(week["events"], week["quad3"]) for week in weekly()] == [(2, 1)]
