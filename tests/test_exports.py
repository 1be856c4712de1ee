"""Exports: CSV, JSONL, Parquet, PLOVER JSON records and GDELT 2.0 lines."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from parley import exports
from parley.cli import app
from parley.records import Actor, Article, Event, Extraction, Location, Quote
from parley.store import Store

BLINKEN = Actor("a1", "Antony Blinken", "USA", "GOV", "Secretary of State", ((0, 14),))
XI = Actor("a2", "Xi Jinping", "CHN", "GOV", "President", ((19, 29),))
BEIJING = Location("Beijing", "Beijing", "CHN", 39.9, 116.4)


def article(article_id: str, source: str, day: int) -> Extraction:
    text = "Antony Blinken met Xi Jinping in Beijing on Monday.\t(tab)"
    event = Event(
        type="CONSULT", mode="visit", contexts=("diplomacy",), status="occurred",
        actor=("a1",), recipient=("a2",), date="2023-06-19", date_precision="day",
        date_source="text", location=BEIJING, cameo="042", quad_class=1, goldstein=1.9,
        sentence=text, start=0, end=len(text), why="met",
    )  # fmt: skip
    quote = Quote("we made progress", 0, 10, True, "a1", "Blinken", "said", None)
    return Extraction(
        Article(
            article_id,
            dt.date(2023, 6, day),
            text,
            title="Talks",
            source=source,
            url=f"https://{source}/{article_id}",
        ),
        actors=(BLINKEN, XI),
        events=(event,),
        quotes=(quote,),
    )


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    Store(path).ingest([article("r1", "reuters.com", 19), article("a1", "apnews.com", 20)])
    return path


runner = CliRunner()


def export(store_path: Path, out: Path, *args: str) -> None:
    result = runner.invoke(app, ["export", *args, "-o", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output


def test_gdelt_columns_are_the_61_of_the_codebook() -> None:
    columns = exports.GDELT_COLUMNS
    assert len(columns) == 61 and len(set(columns)) == 61
    assert columns[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert columns[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert columns[-2:] == ("DATEADDED", "SOURCEURL")
    assert "Actor2Geo_ADM2Code" in columns and "ActionGeo_FeatureID" in columns


def test_gdelt_export_one_tab_separated_line_per_happening(
    store_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.gdelt.tsv"
    export(store_path, out, "events", "--format", "gdelt")
    lines = out.read_text().splitlines()
    assert len(lines) == 1  # two reports, one happening
    fields = lines[0].split("\t")
    assert len(fields) == 61
    row = dict(zip(exports.GDELT_COLUMNS, fields, strict=True))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20230619", "202306", "2023")
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "USAGOV", "ANTONY BLINKEN", "USA",
    )  # fmt: skip
    assert (row["Actor2Code"], row["Actor2Type1Code"]) == ("CHNGOV", "GOV")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("042", "042", "04")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"]) == ("4", "CH")  # FIPS China
    assert row["ActionGeo_FullName"] == "Beijing, China"
    assert row["SOURCEURL"] == "https://reuters.com/r1"  # the first report
    assert int(row["GLOBALEVENTID"]) > 0 and row["DATEADDED"] == "20230619000000"


def test_gdelt_row_of_an_international_body_and_romania() -> None:
    row = {"happening_id": "h1", "actor_names": ["UN Security Council"],
           "actor_countries": ["UNO"], "actor_sectors": ["GOV"],
           "recipient_names": ["Romania"], "recipient_countries": ["ROU"]}  # fmt: skip
    fields = dict(zip(exports.GDELT_COLUMNS, exports.gdelt_row(row), strict=True))
    assert (fields["Actor1Code"], fields["Actor1KnownGroupCode"]) == ("UNOGOV", "UNO")
    assert fields["Actor1Type1Code"] == "IGO" and fields["Actor1CountryCode"] == ""
    assert fields["Actor2CountryCode"] == "ROM"  # CAMEO keeps the old code


def test_plover_records_have_the_manual_fields(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    export(store_path, out, "events", "--format", "plover")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 2
    first = records[0]
    assert first["id"] == "r1-0" and first["date"] == "2023-06-19"
    assert first["event"] == ["CONSULT"] and first["mode"] == ["visit"]
    assert first["context"] == ["diplomacy"] and first["quad_code"] == 1
    assert first["actor"] == [
        {"code": "USA", "sector": "GOV", "entity_text": "Antony Blinken", "identifier_text": "a1"}
    ]
    assert first["recipient"][0]["code"] == "CHN"
    assert first["event_loc"]["resolved_place"] == "Beijing"
    assert first["event_loc"]["country_code"] == "CHN"
    assert first["cite_info"]["url"] == "https://reuters.com/r1"
    assert records[1]["link"] == first["link"] is not None  # two reports, one happening


def test_csv_jsonl_parquet_of_events_quotes_actors(store_path: Path, tmp_path: Path) -> None:
    export(store_path, tmp_path / "e.csv", "events", "--format", "csv")
    with open(tmp_path / "e.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 and rows[0]["type"] == "CONSULT" and rows[0]["url"]
    export(store_path, tmp_path / "q.jsonl", "quotes", "--format", "jsonl")
    quotes = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert [q["speaker_name"] for q in quotes] == ["Antony Blinken"] * 2
    export(store_path, tmp_path / "a.parquet", "actors", "--format", "parquet")
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 4
    export(store_path, tmp_path / "h.jsonl", "happenings", "--format", "jsonl")
    (happening,) = [json.loads(x) for x in (tmp_path / "h.jsonl").read_text().splitlines()]
    assert happening["mentions"] == 2


def test_bad_export_requests_are_refused(store_path: Path, tmp_path: Path) -> None:
    args = ["--store", str(store_path), "-o", str(tmp_path / "x")]
    assert runner.invoke(app, ["export", "quotes", "--format", "gdelt", *args]).exit_code == 2
    assert runner.invoke(app, ["export", "events", "--format", "xml", *args]).exit_code == 2
    assert runner.invoke(app, ["export", "people", "--format", "csv", *args]).exit_code == 2
