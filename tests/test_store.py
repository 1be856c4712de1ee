"""The embedded store: layout, idempotent ingest, crash safety, concurrent reading, queries.

Extractions are built by hand from records.py so these tests need neither the NLP
stages nor the spaCy model.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from parley.actors import KnownActors
from parley.records import Actor, Article, Event, Extraction, Location, Quote, Timex
from parley.store import SCHEMAS, NewArticles, Store, StoreLocked
from parley.temporal import period_of

SRC = Path(__file__).resolve().parents[1] / "src"


def make_event(
    type_: str,
    actor: tuple[str, ...],
    recipient: tuple[str, ...],
    date: str,
    precision: str = "day",
    location: Location | None = None,
) -> Event:
    return Event(
        type=type_,
        mode=None,
        contexts=("diplomatic",),
        status="occurred",
        actor=actor,
        recipient=recipient,
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        date_source="text",
        location=location,
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        sentence=f"{type_} sentence",
        start=0,
        end=10,
        why="test",
    )


def diplomacy(article_id: str, published: dt.date, source: str = "wire") -> Extraction:
    """A US-China meeting and a quote, the shape of a typical article."""
    text = f"Blinken met Qin Gang in Beijing ({article_id}). 'Talks were candid,' Blinken said."
    blinken = Actor("a1", "Antony Blinken", "USA", "GOV", "Secretary of State", ((0, 7), (62, 69)))
    qin = Actor("a2", "Qin Gang", "CHN", "GOV", "Foreign Minister", ((12, 20),))
    beijing = Location("Beijing", "Beijing", "CHN", 39.9, 116.4, 24, 31)
    return Extraction(
        article=Article(article_id, published, text, title="Talks", source=source, origin="t"),
        timexes=(Timex("Sunday", 0, 6, "DATE", "2023-06-18"),),
        actors=(blinken, qin),
        events=(
            make_event("CONSULT", ("a1",), ("a2",), "2023-06-18", location=beijing),
            make_event("AGREE", ("a2",), ("a1",), "2023-W24", "week"),
        ),
        quotes=(Quote("Talks were candid", 48, 65, True, "a1", "Blinken", "said", None),),
    )


def many(count: int, start: int = 0) -> Iterator[Extraction]:
    for number in range(start, start + count):
        yield diplomacy(f"art-{number:05d}", dt.date(2023, 1, 1) + dt.timedelta(days=number % 300))


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-18", ("2023-06-18", "2023-06-18")),
        ("2023-06-18T10:30", ("2023-06-18", "2023-06-18")),
        ("2023-W24", ("2023-06-12", "2023-06-18")),
        ("2020-W53", ("2020-12-28", "2021-01-03")),
        ("2023-W24-WE", ("2023-06-17", "2023-06-18")),
        ("2022-11", ("2022-11-01", "2022-11-30")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2023-Q4", ("2023-10-01", "2023-12-31")),
        ("2023-H1", ("2023-01-01", "2023-06-30")),
        ("2023-WI", ("2023-12-01", "2024-02-29")),
        ("199X", ("1990-01-01", "1999-12-31")),
    ],
)
def test_period_of(value: str, expected: tuple[str, str]) -> None:
    bounds = period_of(value)
    assert bounds is not None
    assert tuple(d.isoformat() for d in bounds[:2]) == expected


@pytest.mark.parametrize("value", ["PAST_REF", "PT7H30M", "2023-02-30", "2023-W54", "", None, "x"])
def test_period_of_non_periods(value: str | None) -> None:
    assert period_of(value) is None


# --------------------------------------------------------------------------- layout & ingest


def test_empty_store_answers_with_typed_empty_tables(tmp_path: Path) -> None:
    store = Store(tmp_path / "fresh")
    assert (tmp_path / "fresh" / "commits").is_dir()
    assert store.article_ids() == set()
    assert store.known_actors_records() == []
    events = store.events(actor="anyone", since=dt.date(2020, 1, 1))
    assert events.num_rows == 0
    assert events.schema == SCHEMAS["events"]
    assert store.quotes().schema == SCHEMAS["quotes"]
    assert store.sql("SELECT count(*) AS n FROM timexes").to_pylist() == [{"n": 0}]


def test_ingest_writes_the_layout_and_round_trips(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    report = store.ingest([diplomacy("x1", dt.date(2023, 6, 19))])
    assert (report.articles_new, report.events, report.quotes, report.actors) == (1, 2, 1, 2)
    assert report.timexes == 1 and report.batches == 1
    (commit,) = (tmp_path / "s" / "commits").glob("*.json")
    manifest = json.loads(commit.read_text())
    assert manifest["article_ids"] == ["x1"]
    for table in ("articles", "events", "actors", "quotes", "timexes"):
        assert (tmp_path / "s" / manifest["files"][table]).is_file()

    events = {e["type"]: e for e in store.events().to_pylist()}
    assert set(events) == {"CONSULT", "AGREE"}
    consult = events["CONSULT"]
    assert consult["actor_names"] == ["Antony Blinken"]
    assert consult["recipient_countries"] == ["CHN"]
    assert consult["location_name"] == "Beijing" and consult["lat"] == pytest.approx(39.9)
    assert consult["published"] == dt.date(2023, 6, 19) and consult["source"] == "wire"
    (quote,) = store.quotes().to_pylist()
    assert quote["speaker_name"] == "Antony Blinken" and quote["speaker_country"] == "USA"
    (actor,) = store.sql("SELECT mentions FROM actors WHERE actor_id = 'a1'").to_pylist()
    assert actor["mentions"] == [[0, 7], [62, 69]]
    (timex,) = store.sql("SELECT value, start FROM timexes").to_pylist()
    assert timex == {"value": "2023-06-18", "start": 0}
    (article,) = store.articles().to_pylist()
    assert article["ingested_at"].tzinfo is not None and article["title"] == "Talks"


def test_events_are_ordered_by_period_start(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest([diplomacy("x1", dt.date(2023, 6, 19))])
    rows = store.events().to_pylist()
    # 2023-W24 starts on Monday 12 June, before the meeting on Sunday 18 June
    assert [(r["type"], r["date_start"]) for r in rows] == [
        ("AGREE", dt.date(2023, 6, 12)),
        ("CONSULT", dt.date(2023, 6, 18)),
    ]
    assert rows[0]["date_end"] == dt.date(2023, 6, 18)


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    first = store.ingest(
        [diplomacy("x1", dt.date(2023, 6, 19)), diplomacy("x1", dt.date(2023, 6, 19))]
    )
    assert (first.articles_new, first.articles_skipped) == (1, 1)
    again = Store(tmp_path / "s").ingest([diplomacy("x1", dt.date(2023, 6, 19))])
    assert (again.articles_new, again.articles_skipped, again.batches) == (0, 1, 0)
    assert store.sql("SELECT count(*) AS n FROM articles").to_pylist() == [{"n": 1}]
    assert store.events().num_rows == 2


def test_duplicates_across_batches_of_one_ingest_are_skipped(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ids = ["a", "b", "a", "c", "b", "d", "a"]  # repeats land in later batches of 2
    report = store.ingest((diplomacy(i, dt.date(2023, 6, 19)) for i in ids), batch_size=2)
    assert (report.articles_new, report.articles_skipped) == (4, 3)
    assert store.article_ids() == {"a", "b", "c", "d"}


def test_new_articles_asks_the_store_chunk_by_chunk(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest([diplomacy(i, dt.date(2023, 6, 19)) for i in ("s1", "s2")])
    assert store.stored_ids(["s1", "zz", "s2", "s1"]) == {"s1", "s2"}
    skipped: list[str] = []
    incoming = ["n1", "s1", "n2", "n1", "s2", "n3", "n2"]  # chunks of 3 split the repeats
    kept = list(NewArticles(store, chunk=3).filter(incoming, lambda i: i, skipped.append))
    assert kept == ["n1", "n2", "n3"]
    assert skipped == ["s1", "n1", "s2", "n2"]
    # the committed ids are not held by the store object: it asks the articles table
    assert not any("article_ids" in m for m in store._read_manifests().values())


def test_same_text_from_two_files_is_stored_once(tmp_path: Path) -> None:
    from parley import sources

    (tmp_path / "a.txt").write_text("date 2023-06-19\n\nTalks went well.\n")
    (tmp_path / "b.txt").write_text("\n date 2023-06-19 \r\nTalks went well.")
    articles = list(sources.read([tmp_path / "a.txt", tmp_path / "b.txt"]))
    assert all(isinstance(a, Article) for a in articles)
    store = Store(tmp_path / "s")
    report = store.ingest(Extraction(article=a) for a in articles)  # type: ignore[arg-type]
    assert (report.articles_new, report.articles_skipped) == (1, 1)
    assert len(store.article_ids()) == 1


def test_batches_progress_and_article_ids(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    ticks: list[int] = []
    report = store.ingest(many(25), batch_size=10, progress=ticks.append)
    assert report.batches == 3 and report.articles_new == 25
    assert sum(ticks) == 25
    assert len(list((tmp_path / "s" / "commits").glob("*.json"))) == 3
    assert store.article_ids() == {f"art-{n:05d}" for n in range(25)}
    assert store.articles(ids=["art-00003", "nope"]).column("id").to_pylist() == ["art-00003"]


def test_an_error_while_extracting_keeps_what_was_extracted(tmp_path: Path) -> None:
    def failing() -> Iterator[Extraction]:
        yield from many(3)
        raise RuntimeError("model crashed")

    store = Store(tmp_path / "s")
    with pytest.raises(RuntimeError, match="model crashed"):
        store.ingest(failing(), batch_size=100)
    assert len(store.article_ids()) == 3


def test_a_second_writer_is_refused_while_one_ingests(tmp_path: Path) -> None:
    path = tmp_path / "s"
    refused: list[str] = []

    def meanwhile() -> Iterator[Extraction]:
        yield from many(2)
        try:  # a second ingest on the same store while the first holds the lock
            Store(path).ingest(many(1, start=100))
        except StoreLocked as exc:
            refused.append(str(exc))
        yield from many(2, start=2)

    report = Store(path).ingest(meanwhile())
    assert refused and "another ingest" in refused[0]
    assert report.articles_new == 4
    assert Store(path).ingest(many(1, start=100)).articles_new == 1  # lock released


def test_orphans_are_ignored_by_readers_and_cleaned_by_the_next_writer(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ingest(many(2))
    orphan = tmp_path / "s" / "events" / "part-20000101T000000000000-dead00.parquet"
    pq.write_table(pa.table({"article_id": ["ghost"]}), orphan)
    tmp_part = tmp_path / "s" / "articles" / ".part-x.parquet.tmp"
    tmp_part.write_bytes(b"half written")
    tmp_commit = tmp_path / "s" / "commits" / ".x.json.tmp"
    tmp_commit.write_text("{")
    assert store.events().num_rows == 4  # the orphan is not read
    store.ingest(many(1, start=50))
    assert not orphan.exists() and not tmp_part.exists() and not tmp_commit.exists()
    assert store.events().num_rows == 6


# --------------------------------------------------------------------------- queries


@pytest.fixture(scope="module")
def query_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("q") / "store")
    kim = Actor("k", "Kim Jong Un", "PRK", "GOV", "leader", ((0, 3),))
    yoon = Actor("y", "Yoon Suk Yeol", "KOR", "GOV", "President", ((10, 14),))
    kishida = Actor("f", "Fumio Kishida", "JPN", "GOV", None, ((20, 27),))
    yoon_later = Actor("y", "Yoon Suk Yeol", "KOR", "GOV", "former president", ((0, 4),))
    extractions = [
        diplomacy("d1", dt.date(2023, 6, 19), source="reuters"),
        Extraction(
            article=Article("k1", dt.date(2023, 3, 2), "Kim threatened Yoon. Kishida met Yoon."),
            actors=(kim, yoon, kishida),
            events=(
                make_event("THREATEN", ("k",), ("y",), "2023-03-01"),
                make_event("CONSULT", ("f",), ("y",), "2023-03", "month"),
                make_event("CONSULT", ("y",), ("f",), "2023-02-27"),
            ),
            quotes=(Quote("We will respond", 0, 15, True, "y", "Yoon", "said", "KCNA"),),
        ),
        Extraction(
            article=Article("k2", dt.date(2025, 1, 5), "Yoon was arrested."),
            actors=(yoon_later,),
            events=(make_event("SANCTION", (), ("y",), "PRESENT_REF"),),
        ),
    ]
    store.ingest(extractions, batch_size=2)  # two batches: queries span part files
    return store


def test_query_by_actor_name_any_case_either_side(query_store: Store) -> None:
    rows = query_store.events(actor="yoon").to_pylist()
    assert {r["type"] for r in rows} == {"THREATEN", "CONSULT", "SANCTION"}
    assert len(rows) == 4
    assert query_store.events(actor="BLINKEN").num_rows == 2
    assert query_store.events(actor="nobody").num_rows == 0


def test_query_by_country_pair(query_store: Store) -> None:
    directed = query_store.events(countries=("JPN", "KOR")).to_pylist()
    assert [(r["type"], r["date"]) for r in directed] == [("CONSULT", "2023-03")]
    both = query_store.events(countries=("KOR", "JPN"), undirected=True).to_pylist()
    assert [r["date"] for r in both] == ["2023-02-27", "2023-03"]
    assert query_store.events(countries=("PRK", None)).num_rows == 1
    assert query_store.events(countries=("CHN", "USA"), type="agree").num_rows == 1


def test_query_by_type_and_period_overlap(query_store: Store) -> None:
    assert query_store.events(type="CONSULT").num_rows == 3
    # the month 2023-03 overlaps 15 March; the days 27 Feb and 1 March do not
    rows = query_store.events(since=dt.date(2023, 3, 15), until=dt.date(2023, 3, 20)).to_pylist()
    assert [r["date"] for r in rows] == ["2023-03"]
    # undated events (PRESENT_REF) drop out under a date filter but not without one
    assert query_store.events(type="SANCTION").num_rows == 1
    assert query_store.events(type="SANCTION", since=dt.date(2000, 1, 1)).num_rows == 0
    assert query_store.events().to_pylist()[-1]["type"] == "SANCTION"  # nulls last


def test_query_limit_and_order(query_store: Store) -> None:
    dates = [r["date_start"] for r in query_store.events().to_pylist() if r["date_start"]]
    assert dates == sorted(dates)
    assert query_store.events(limit=2).num_rows == 2


def test_query_quotes(query_store: Store) -> None:
    assert query_store.quotes(speaker="blinken").column("text").to_pylist() == ["Talks were candid"]
    (yoon,) = query_store.quotes(country="kor").to_pylist()
    assert yoon["via"] == "KCNA" and yoon["speaker_name"] == "Yoon Suk Yeol"
    assert query_store.quotes(text="RESPOND").num_rows == 1
    assert query_store.quotes(since=dt.date(2023, 6, 1)).num_rows == 1
    assert query_store.quotes(until=dt.date(2022, 1, 1)).num_rows == 0


def test_query_articles(query_store: Store) -> None:
    assert query_store.articles().column("id").to_pylist() == ["k1", "d1", "k2"]
    assert query_store.articles(source="Reuters").column("id").to_pylist() == ["d1"]
    assert query_store.articles(text="arrested").column("id").to_pylist() == ["k2"]
    assert query_store.articles(since=dt.date(2024, 1, 1), limit=5).num_rows == 1


def test_known_actor_records_keep_each_role_and_when(query_store: Store) -> None:
    records = [r for r in query_store.known_actors_records() if r["name"] == "Yoon Suk Yeol"]
    assert records == [
        {"name": "Yoon Suk Yeol", "role": "President", "country": "KOR", "sector": "GOV",
         "first_seen": dt.date(2023, 3, 2), "seen": dt.date(2023, 3, 2)},
        {"name": "Yoon Suk Yeol", "role": "former president", "country": "KOR", "sector": "GOV",
         "first_seen": dt.date(2025, 1, 5), "seen": dt.date(2025, 1, 5)},
    ]  # fmt: skip
    known = KnownActors.from_records(query_store.known_actors_records())
    assert known.lookup("Yoon").role == "former president"  # the latest
    assert known.lookup("Yoon", dt.date(2024, 1, 1)).role == "President"  # held then
    assert known.lookup("Fumio Kishida").role is None
    assert known.lookup("Antony Blinken").role == "Secretary of State"


def test_sql_for_power_users(query_store: Store) -> None:
    table = query_store.sql(
        "SELECT e.type, a.name FROM events e, unnest(e.actor_ids) AS u(i) "
        "JOIN actors a ON a.article_id = e.article_id AND a.actor_id = u.i "
        "WHERE a.country = ? ORDER BY e.type",
        ["PRK"],
    )
    assert table.to_pylist() == [{"type": "THREATEN", "name": "Kim Jong Un"}]


# --------------------------------------------------------------------------- processes

# A writer in another process: ingests synthetic articles slowly, one batch at a time.
WRITER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from parley.records import Actor, Article, Event, Extraction
    from parley.store import Store

    def slow(count, pause):
        for n in range(count):
            a = Actor("a", f"Person {n}", "USA", "GOV", None, ((0, 1),))
            e = Event("CONSULT", None, (), "occurred", ("a",), (), "2023-06-18", "day", "text",
                      None, None, None, None, "s", 0, 1, "w")
            art = Article(f"slow-{n:05d}", dt.date(2023, 6, 19), f"text {n}")
            yield Extraction(article=art, actors=(a,), events=(e,))
            time.sleep(pause)

    Store(sys.argv[1]).ingest(slow(int(sys.argv[2]), float(sys.argv[3])), batch_size=5)
    print("done")
    """
)


def start_writer(tmp_path: Path, store: Path, count: int, pause: float) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, str(script), str(store), str(count), str(pause)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_commits(
    store: Path, count: int, writer: subprocess.Popen[str], timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while len(list((store / "commits").glob("*.json"))) < count:
        if writer.poll() is not None:
            pytest.fail(f"writer exited early: {writer.stderr.read() if writer.stderr else ''}")
        if time.monotonic() > deadline:
            writer.kill()
            pytest.fail("writer committed nothing in time")
        time.sleep(0.02)


def test_a_killed_ingest_loses_nothing_committed(tmp_path: Path) -> None:
    store_path = tmp_path / "s"
    writer = start_writer(tmp_path, store_path, count=10_000, pause=0.01)
    wait_for_commits(store_path, 2, writer)
    time.sleep(0.03)  # let it get into the middle of the next batch
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL

    store = Store(store_path)
    committed = store.article_ids()
    assert len(committed) >= 10 and len(committed) % 5 == 0  # whole batches only
    stored = set(store.articles().column("id").to_pylist())
    assert stored == committed
    assert store.events().num_rows == len(committed)

    # a new ingest takes the lock the dead writer held, and completes
    report = store.ingest(many(7))
    assert report.articles_new == 7
    assert store.article_ids() == committed | {f"art-{n:05d}" for n in range(7)}


def test_reading_while_another_process_writes(tmp_path: Path) -> None:
    store_path = tmp_path / "s"
    writer = start_writer(tmp_path, store_path, count=60, pause=0.01)
    try:
        wait_for_commits(store_path, 1, writer)
        reader = Store(store_path)
        seen: list[int] = []
        while writer.poll() is None:
            count = reader.events(type="CONSULT").num_rows
            ids = reader.article_ids()
            assert count % 5 == 0 and count <= len(reader.article_ids()) <= 60
            assert len(ids) % 5 == 0
            seen.append(count)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == 0, err
        assert "done" in out
    finally:
        if writer.poll() is None:
            writer.kill()
    assert seen == sorted(seen)  # readers see batches appear, never vanish
    assert len(seen) > 1
    assert reader.events().num_rows == 60


def test_corrections_are_kept_checked_and_versioned(tmp_path: Path) -> None:
    from parley.store import StoreError

    store = Store(tmp_path / "s")
    before = store.version()
    with pytest.raises(StoreError, match="needs a name"):
        store.correct_actor("Ana Rojas")
    store.correct_actor("Ana Rojas", country="PER")
    store.correct_actor("ana rojas", role="Trade Minister", note="later")
    assert [c["name"] for c in store.actor_corrections()] == ["Ana Rojas", "ana rojas"]
    assert store.version() != before  # caches keyed on the version see the change
    learned = [r for r in store.known_actors_records() if r.get("corrected")]
    assert [(r["country"], r["role"]) for r in learned] == [("PER", None), (None, "Trade Minister")]
    (tmp_path / "s" / "actor-corrections.jsonl").write_text('{"name": "x"}\nnot json\n')
    with pytest.raises(StoreError, match=r"actor-corrections.jsonl:2: not a JSON object"):
        Store(tmp_path / "s").actor_corrections()


def test_local_copy_answers_as_the_parquet_files_and_follows_commits(tmp_path: Path) -> None:
    plain = Store(tmp_path / "s")
    copied = Store(tmp_path / "s", local_copy=True)
    assert copied.count_events() == 0 and copied.find_events().num_rows == 0  # empty store
    plain.ingest([diplomacy("d1", dt.date(2023, 6, 19))])
    queries = [
        lambda s: s.find_events(actor="blink").to_pylist(),
        lambda s: s.find_events(text="blinken", countries=("USA", "CHN")).to_pylist(),
        lambda s: s.actor_summaries(),
        lambda s: s.quotes().to_pylist(),
        lambda s: s.trend("USA", "CHN", by="day"),
    ]
    assert [q(copied) for q in queries] == [q(plain) for q in queries]
    assert copied.find_events(actor="blink").num_rows == 2
    plain.ingest([diplomacy("d2", dt.date(2023, 7, 3), source="ap")])  # a commit while open
    assert copied.count_events() == 4
    assert [q(copied) for q in queries] == [q(plain) for q in queries]
    # each batch copied once: reopening the copy after a commit does not add it again
    assert copied.sql("SELECT count(*) AS n FROM copy.batches")["n"][0].as_py() == 2
    assert copied.sql("SELECT count(*) AS n FROM event_names")["n"][0].as_py() == len(
        plain.sql("SELECT * FROM event_names")
    )
    copy_file = copied._copy_file
    assert copy_file is not None and copy_file.exists()
    copied.close()
    del copied  # the temporary copy goes with its store
    assert not copy_file.parent.exists()


def pair_news(count: int) -> Iterator[Extraction]:
    """Articles whose events join one country pair, several pairs (USA and GBR acting on
    CHN) or none (no recipient), many reporting the same happenings, from several outlets."""
    leaders = {
        "USA": Actor("u", "Joe Biden", "USA", "GOV", "President", ((0, 5),)),
        "GBR": Actor("g", "Rishi Sunak", "GBR", "GOV", "Prime Minister", ((6, 11),)),
        "CHN": Actor("c", "Xi Jinping", "CHN", "GOV", "President", ((12, 14),)),
        "RUS": Actor("r", "Vladimir Putin", "RUS", "GOV", "President", ((15, 20),)),
        "JPN": Actor("j", "Fumio Kishida", "JPN", "GOV", "Prime Minister", ((21, 28),)),
    }
    shapes = [
        (("u",), ("c",)), (("c",), ("u",)), (("u", "g"), ("c",)), (("r",), ("j",)),
        (("j",), ("u",)), (("u",), ()), (("c",), ("r",)),
    ]  # fmt: skip
    for number in range(count):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=number // 3)
        actor, recipient = shapes[number % len(shapes)]
        happened = day - dt.timedelta(days=number % 2)
        yield Extraction(
            article=Article(
                f"p{number:04d}",
                day,
                "Leaders met.",
                source=f"outlet{number % 4}",
                origin="t",
                url=f"https://example.org/p{number:04d}",
            ),
            actors=tuple(leaders.values()),
            events=(
                make_event("CONSULT", actor, recipient, happened.isoformat()),
                make_event("THREATEN", recipient or actor, actor, f"{day:%G-W%V}", "week"),
            ),
        )


PAIR_QUERIES = {
    "dedup": lambda s: s.events(countries=("USA", "CHN"), undirected=True, dedup=True).to_pylist(),
    "dedup page": lambda s: s.events(
        countries=("CHN", "USA"), undirected=True, dedup=True, limit=5
    ).to_pylist(),
    "directed": lambda s: s.events(countries=("GBR", "CHN")).to_pylist(),
    "one side": lambda s: s.events(countries=("USA", None), dedup=True).to_pylist(),
    "weekly": lambda s: s.trend("USA", "CHN", by="week"),
    "directed trend": lambda s: s.trend("RUS", "JPN", by="day", directed=True),
    "count": lambda s: s.count_events(countries=("CHN", "USA"), undirected=True),
    "newest": lambda s: s.find_events(
        countries=("USA", "JPN"), undirected=True, newest_first=True, limit=7
    ).to_pylist(),
    "pairs": lambda s: s.pair_trends([("USA", "CHN"), ("GBR", "CHN")], by="month"),
    "all": lambda s: s.events(dedup=True).to_pylist(),
}


def test_clustered_copy_answers_pair_queries_as_the_parquet_files(tmp_path: Path) -> None:
    plain = Store(tmp_path / "s")
    copied = Store(tmp_path / "s", local_copy=True)
    news = list(pair_news(240))
    for start in range(0, 240, 30):  # eight commits: the copy sorts, then gathers a tail
        plain.ingest(news[start : start + 30], batch_size=15)
        answers = {name: query(plain) for name, query in PAIR_QUERIES.items()}
        assert {name: query(copied) for name, query in PAIR_QUERIES.items()} == answers
        assert copied._clustered
    assert answers["count"] > 0 and answers["dedup"] and answers["directed"]
    merged = [row for row in answers["dedup"] if row["mentions"] > 1]
    assert merged and all(row["sources"] == len(row["source_names"]) for row in merged)
    assert answers["dedup page"] == answers["dedup"][:5]
    # events of several pairs are found under each of them
    several = copied.sql("SELECT count(*) AS n FROM copy.events WHERE pair_cluster = '~several'")
    assert several["n"][0].as_py() == 2 * len(range(2, 240, 7))  # both events of shape 3
    # pair columns never reach callers
    assert "pair_cluster" not in copied.events(countries=("USA", "CHN")).column_names
    assert "pair_cluster" not in copied.sql("SELECT * FROM events LIMIT 1").column_names
    sorted_rows = copied.sql("SELECT name, rows FROM copy.sorted ORDER BY name").to_pylist()
    assert [r["name"] for r in sorted_rows] == ["events", "happenings"]
    assert 0 < sorted_rows[0]["rows"] <= 480


def test_a_correction_turns_pair_clusters_off_and_answers_stay_right(tmp_path: Path) -> None:
    plain = Store(tmp_path / "s")
    plain.ingest(list(pair_news(40)))
    copied = Store(tmp_path / "s", local_copy=True)
    assert copied.count_events(countries=("GBR", "CHN"), undirected=True) > 0
    plain.correct_actor("Rishi Sunak", country="IRL")  # stored pair keys say GBR
    assert not copied.count_events(countries=("GBR", "CHN"), undirected=True)
    assert not copied._clustered
    assert {n: q(copied) for n, q in PAIR_QUERIES.items()} == {
        n: q(plain) for n, q in PAIR_QUERIES.items()
    }


def test_kept_copy_is_reused_shared_by_lock_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = Store(tmp_path / "s")
    plain.ingest(list(pair_news(60)), batch_size=20)
    answers = {name: query(plain) for name, query in PAIR_QUERIES.items()}
    kept = tmp_path / "cache" / "read.duckdb"
    first = Store(tmp_path / "s", local_copy=kept)
    assert {name: query(first) for name, query in PAIR_QUERIES.items()} == answers
    assert first._clustered and kept.exists()
    # a second process finds the copy busy: it waits briefly, then reads Parquet
    monkeypatch.setattr("parley.store._COPY_WAIT_S", 0.2)
    busy = Store(tmp_path / "s", local_copy=kept)
    assert {name: query(busy) for name, query in PAIR_QUERIES.items()} == answers
    assert not busy._clustered
    first.close()
    busy.close()
    # the next run copies only the batch committed since
    plain.ingest(list(pair_news(90))[60:], batch_size=30)
    again = Store(tmp_path / "s", local_copy=kept)
    assert again.sql("SELECT count(*) AS n FROM copy.batches")["n"][0].as_py() == 4
    assert {n: q(again) for n, q in PAIR_QUERIES.items()} == {
        n: q(plain) for n, q in PAIR_QUERIES.items()
    }
    again.close()
    # a damaged copy is rebuilt from the Parquet files, which are never touched
    kept.write_bytes(b"not a database")
    repaired = Store(tmp_path / "s", local_copy=kept)
    assert repaired.count_events() == plain.count_events() and repaired._clustered
    repaired.close()


def test_actor_filter_matches_a_part_of_one_name(query_store: Store) -> None:
    # "suk yeol" is inside one name; "jong un yoon" would span two names: no match.
    assert query_store.events(actor="SUK YEOL").num_rows == 4
    assert query_store.events(actor="jong un yoon").num_rows == 0
