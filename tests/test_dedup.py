"""One event per happening in the store: merging across articles, incremental, explainable."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pyarrow as pa
import pytest

from parley import analysis, pipeline
from parley.records import Actor, Article, Event, Extraction, Location
from parley.store import WRITER_INDEX, Store

D = dt.date
PUBLISHED = D(2023, 6, 20)
BEIJING = Location("Beijing", "Beijing", "CHN", 39.9, 116.4)


def person(key: str, name: str, country: str) -> Actor:
    return Actor(key, name, country, "GOV", None, ((0, len(name)),), kind="person")


def nation(key: str, name: str, country: str) -> Actor:
    return Actor(key, name, country, None, None, ((0, len(name)),), kind="country")


def meeting(
    article_id: str,
    source: str,
    sentence: str,
    actor: Actor,
    recipient: Actor,
    date: str = "2023-06-19",
    precision: str = "day",
    published: dt.date = PUBLISHED,
    location: Location | None = BEIJING,
) -> Extraction:
    """One article reporting one meeting (CONSULT) between two actors."""
    event = Event(
        type="CONSULT", mode="visit", contexts=("diplomacy",), status="occurred",
        actor=(actor.id,), recipient=(recipient.id,), date=date, date_precision=precision,  # type: ignore[arg-type]
        date_source="text", location=location, cameo="042", quad_class=1, goldstein=1.9,
        sentence=sentence, start=0, end=len(sentence), why="test",
    )  # fmt: skip
    article = Article(article_id, published, sentence, title=sentence[:30], source=source,
                      url=f"https://{source}/{article_id}")  # fmt: skip
    return Extraction(article, actors=(actor, recipient), events=(event,))


BLINKEN, ANTONY = person("a1", "Blinken", "USA"), person("a1", "Antony Blinken", "USA")
XI, XI_JINPING = person("a2", "Xi", "CHN"), person("a2", "Xi Jinping", "CHN")
WANG = person("a3", "Wang Yi", "CHN")
USA, CHINA = nation("a1", "United States", "USA"), nation("a2", "China", "CHN")


def three_reports() -> list[Extraction]:
    return [
        meeting("reuters-1", "reuters.com", "Antony Blinken met Xi Jinping in Beijing on Monday.",
                ANTONY, XI_JINPING),
        meeting("ap-7", "apnews.com", "Xi received Blinken at the Great Hall of the People.",
                XI, BLINKEN, published=D(2023, 6, 19)),
        meeting("bbc-3", "bbc.co.uk", "The United States and China held talks this week.",
                USA, CHINA, date="2023-W25", precision="week", published=D(2023, 6, 21),
                location=None),
    ]  # fmt: skip


def test_three_reports_from_three_outlets_are_one_event(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest(three_reports())
    assert store.events().num_rows == 3  # every mention is kept
    (row,) = store.events(dedup=True).to_pylist()
    assert (row["mentions"], row["articles"], row["sources"]) == (3, 3, 3)
    assert row["source_names"] == ["apnews.com", "bbc.co.uk", "reuters.com"]
    assert (row["date"], row["date_precision"]) == ("2023-06-19", "day")  # the most precise
    assert row["sentence"].startswith("Xi received")  # the first published report
    stored = store.happening(row["happening_id"])
    assert stored is not None
    assert (stored["mention_count"], stored["article_count"], stored["source_count"]) == (3, 3, 3)
    mentions = store.mentions([row["happening_id"]])
    assert [m["article_id"] for m in mentions] == ["ap-7", "reuters-1", "bbc-3"]
    assert mentions[0]["url"] == "https://apnews.com/ap-7"


def test_two_meetings_on_the_same_day_stay_two(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest(
        [
            meeting("r1", "reuters.com", "Blinken met Xi in Beijing.", BLINKEN, XI),
            meeting("r2", "apnews.com", "Blinken met Wang Yi in Beijing.", BLINKEN, WANG),
        ]
    )
    rows = store.events(dedup=True).to_pylist()
    assert len(rows) == 2
    assert {r["mentions"] for r in rows} == {1}


def test_a_later_batch_joins_the_stored_event_and_a_new_version_is_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    first, second, third = three_reports()
    store.ingest([first])
    store.ingest([second, third], batch_size=1)  # two more batches
    (row,) = store.events(dedup=True).to_pylist()
    assert (row["mentions"], row["articles"], row["sources"]) == (3, 3, 3)
    versions = store.sql("SELECT mention_count FROM happening_versions ORDER BY version")
    assert versions["mention_count"].to_pylist() == [1, 2, 3]
    # the same as clustering all rows at once, in the order they were ingested
    order = ["reuters-1", "ap-7", "bbc-3"]
    rows = sorted(store.events().to_pylist(), key=lambda r: order.index(r["article_id"]))
    _, assigned = analysis.assign_happenings([], rows)
    assert {hid for _, hid in assigned} == {row["happening_id"]}


def test_explain_says_what_founded_the_event_and_why_each_report_joined(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest(three_reports())
    (hid,) = store.events(dedup=True)["happening_id"].to_pylist()
    lines = store.explain(hid)
    assert lines[0] == f"ap-7#0 -> founded: {hid}"
    assert "reuters-1#0 -> type: CONSULT" in lines[1]
    assert "name blinken~antony blinken" in lines[1] or "antony blinken" in lines[1]
    assert "2023-W25 overlaps 2023-06-19" in lines[2]


def test_an_uncommitted_batch_is_invisible_and_the_earlier_state_stays(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    first, second, _ = three_reports()
    store.ingest([first])
    store.ingest([second])
    newest = sorted((tmp_path / "s" / "commits").iterdir())[-1]
    manifest = json.loads(newest.read_text())
    assert "happenings/" in manifest["files"]["happenings"]
    os.remove(newest)  # as if the ingest was killed before its manifest was written
    reader = Store(tmp_path / "s")
    (row,) = reader.events(dedup=True).to_pylist()
    assert (row["mentions"], row["articles"]) == (1, 1)
    assert reader.happening(row["happening_id"])["mention_count"] == 1  # type: ignore[index]
    reader.ingest([second])  # the next writer cleans up and merges again
    assert reader.events(dedup=True)["mentions"].to_pylist() == [2]


def test_bulk_tables_without_happening_columns_are_deduplicated(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    from parley.store import batch_tables

    tables = batch_tables(three_reports(), dt.datetime.now(dt.UTC))
    keep = [c for c in tables["events"].column_names if c not in ("happening_id", "merge_reason")]
    store.ingest_tables({**tables, "events": tables["events"].select(keep)})
    assert store.events(dedup=True)["mentions"].to_pylist() == [3]


def test_trend_counts_events_and_happenings(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest(three_reports())
    (week,) = store.trend("USA", "CHN", by="week")
    assert (week["period"], week["events"], week["happenings"]) == ("2023-W25", 3, 1)
    assert week == analysis.trend(store.events(), by="week", pair=("USA", "CHN"))[0]


def test_old_part_files_without_happening_columns_still_read(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest(three_reports())
    events_file = next((tmp_path / "s" / "events").glob("part-*.parquet"))
    import pyarrow.parquet as pq

    old = pq.read_table(events_file)
    old = old.drop_columns(["happening_id", "merge_reason", "actor_kinds", "recipient_kinds"])
    pq.write_table(old, events_file)
    reader = Store(tmp_path / "s")
    assert reader.events()["happening_id"].null_count == 3
    assert len(reader.events(dedup=True)) == 3  # each its own, as before deduplication
    assert isinstance(reader.events(), pa.Table)


ARTICLES = {
    "wire-a": (
        "reuters.com",
        "2024-03-12",
        "Japanese Foreign Minister Yoko Kamikawa met South Korean Foreign Minister Cho Tae-yul "
        "in Tokyo on Monday to discuss North Korea.",
    ),
    "wire-b": (
        "apnews.com",
        "2024-03-12",
        "South Korea's top diplomat Cho Tae-yul held talks with Japanese Foreign Minister Yoko "
        "Kamikawa in Tokyo on Monday.",
    ),
    "wire-c": (
        "kyodo.jp",
        "2024-03-13",
        "Foreign Minister Yoko Kamikawa met Cho Tae-yul of South Korea in Tokyo on March 11, "
        "officials said.",
    ),
}


def test_real_pipeline_three_articles_one_meeting(tmp_path: Path, nlp) -> None:
    articles = []
    for article_id, (source, published, text) in ARTICLES.items():
        day = dt.date.fromisoformat(published)
        articles.append(Article(article_id, day, text, source=source))
    extractions = [x for x in pipeline.extract(articles, nlp) if isinstance(x, Extraction)]
    store = Store(tmp_path / "s")
    store.ingest(extractions)
    consults = [r for r in store.events(dedup=True).to_pylist() if r["type"] == "CONSULT"]
    if not consults:
        pytest.fail(f"no meeting found: {store.events().to_pylist()}")
    best = max(consults, key=lambda r: r["articles"])
    assert (best["articles"], best["sources"]) == (3, 3), consults
    assert best["date"] == "2024-03-11"


# --------------------------------------------------------------------------- writer index


def many_reports(count: int, start: int = 0) -> list[Extraction]:
    """Reports of a few meetings over two weeks: many re-report one, some are new."""
    pairs = [(ANTONY, XI_JINPING), (BLINKEN, WANG), (USA, CHINA), (XI, BLINKEN)]
    reports = []
    for i in range(start, start + count):
        actor, recipient = pairs[i % len(pairs)]
        day = D(2023, 6, 1) + dt.timedelta(days=(i * 5) % 13)
        sentence = f"Report {i}: {actor.name} met {recipient.name}."
        reports.append(
            meeting(f"r{i}", f"outlet{i % 3}.com", sentence, actor, recipient,
                    date=day.isoformat(), published=day + dt.timedelta(days=1))
        )  # fmt: skip
    return reports


def happening_state(store: Store) -> tuple[list[tuple], list[dict]]:
    """Each mention's happening and reason, and every happening's latest state (less the
    batch ids, which differ from run to run)."""
    events = sorted(
        (r["article_id"], r["happening_id"], r["merge_reason"] or "")
        for r in store.events().to_pylist()
    )
    latest = store.sql("SELECT * EXCLUDE (version, founded) FROM happenings ORDER BY id")
    return events, latest.to_pylist()


def without_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers answer from the Parquet files, as before the index existed."""
    monkeypatch.setattr(Store, "_open_index", lambda self, manifests: None)


def index_batches(path: Path) -> int:
    import duckdb

    with duckdb.connect(str(path / WRITER_INDEX), read_only=True) as con:
        return con.execute("SELECT count(*) FROM batches").fetchall()[0][0]


def reference_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as patch:
        without_index(patch)
        store = Store(tmp_path / "reference")
        store.ingest(many_reports(40), batch_size=3)
        store.ingest(many_reports(20, start=40), batch_size=4)
        assert not (tmp_path / "reference" / WRITER_INDEX).exists()
        return happening_state(store)


def test_the_writer_index_answers_as_the_parquet_files_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = reference_state(tmp_path, monkeypatch)
    store = Store(tmp_path / "s")
    store.ingest(many_reports(40), batch_size=3)
    store.ingest(many_reports(20, start=40), batch_size=4)  # a second writer reopens it
    assert happening_state(store) == expected
    assert len(expected[1]) < 30  # reports did merge, across batches
    commits = len(list((tmp_path / "s" / "commits").glob("*.json")))
    assert index_batches(tmp_path / "s") == commits == 14 + 5
    again = store.ingest(many_reports(60), batch_size=7)  # every article is stored
    assert (again.articles_new, again.articles_skipped) == (0, 60)


def test_commits_do_not_read_the_parquet_files_once_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "s")
    store.ingest(many_reports(40), batch_size=3)

    def no_parquet(self: Store) -> None:
        raise AssertionError("a commit read the Parquet files")

    monkeypatch.setattr(Store, "_db", no_parquet)
    writer = Store(tmp_path / "s")
    writer.ingest(many_reports(20, start=40), batch_size=4)  # would fail on every commit
    monkeypatch.undo()
    assert writer.events().num_rows == 60


@pytest.mark.parametrize("harm", ["deleted", "damaged", "behind", "commit removed"])
def test_a_harmed_writer_index_is_rebuilt_or_caught_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, harm: str
) -> None:
    expected = reference_state(tmp_path, monkeypatch)
    store = Store(tmp_path / "s")
    index = tmp_path / "s" / WRITER_INDEX
    if harm == "behind":  # a writer killed between its last manifest and the index
        index_batch, calls = Store._index_batch, []

        def killed_before_the_last(self: Store, *args: object) -> None:
            calls.append(args)
            if len(calls) < 14:
                index_batch(self, *args)

        with monkeypatch.context() as patch:
            patch.setattr(Store, "_index_batch", killed_before_the_last)
            store.ingest(many_reports(40), batch_size=3)
        assert index_batches(tmp_path / "s") == 13
    else:
        store.ingest(many_reports(40), batch_size=3)
    if harm == "deleted":
        index.unlink()
    elif harm == "damaged":
        index.write_bytes(b"not a database" * 100)
    elif harm == "commit removed":  # by hand: its articles are no longer stored
        last = sorted((tmp_path / "s" / "commits").glob("*.json"))[-1]
        last.unlink()
        Store(tmp_path / "s").ingest(many_reports(40), batch_size=3)  # stores them again
    store.ingest(many_reports(20, start=40), batch_size=4)
    events, latest = happening_state(store)
    if harm == "commit removed":  # the same events, from other batches
        assert [e[0] for e in events] == [e[0] for e in expected[0]]
    else:
        assert (events, latest) == expected
    assert index_batches(tmp_path / "s") == len(list((tmp_path / "s" / "commits").glob("*.json")))
