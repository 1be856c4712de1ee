"""The Spark engine gives the store what the local engine gives it, in the same layout.

One Spark run (local[2], one article per task so both cores and several batches are
used) over the bundled examples plus a JSONL file; skipped without pyspark or Java.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from parley import pipeline, scale, sources
from parley.records import Article, InputProblem
from parley.store import Store

pytest.importorskip("pyspark")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("the Spark engine needs Java (17+)", allow_module_level=True)

EXAMPLES = Path(str(resources.files("parley") / "examples"))
TABLE_ORDER = {
    "events": "article_id, event_index",
    "actors": "article_id, actor_id",
    "quotes": "article_id, quote_index",
    "timexes": 'article_id, start, "end", value',
    "articles": "id",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("inputs")
    lines = [
        {"id": "wire-1", "published": "2024-03-15", "text": "Chinese Foreign Minister Wang Yi "
         "met Russian Foreign Minister Sergei Lavrov in Beijing on Friday. Lavrov said "
         "Moscow would send a delegation to the talks next month."},
        {"id": "wire-2", "published": "2024-03-16", "text": "Israel and Hamas agreed on "
         "Saturday to a four-day ceasefire, Qatari mediators said."},
        {"id": "wire-1", "published": "2024-03-15", "text": "the same id again: skipped"},
        {"id": "broken", "published": "yesterday", "text": "an input problem"},
    ]  # fmt: skip
    jsonl = folder / "wire.jsonl"
    jsonl.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return [EXAMPLES, jsonl]


def local_ingest(paths: list[Path], store_path: Path) -> Any:
    """The local engine, as ``parley ingest`` runs it."""
    articles = (i for i in sources.read(paths) if isinstance(i, Article))
    extractions = (x for x in pipeline.extract(articles) if not isinstance(x, InputProblem))
    return Store(store_path).ingest(extractions)


@pytest.fixture(scope="module")
def stores(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("stores")
    problems: list[InputProblem] = []
    handled: list[int] = []
    spark_report = scale.ingest_spark(
        inputs, root / "spark", workers=2, batch_size=1,
        on_problem=problems.append, progress=handled.append,
    )  # fmt: skip
    again = scale.ingest_spark(inputs, root / "spark", workers=2)  # all stored: no Spark
    local_report = local_ingest(inputs, root / "local")
    return {
        "spark": Store(root / "spark"),
        "local": Store(root / "local"),
        "spark_report": spark_report,
        "local_report": local_report,
        "again": again,
        "problems": problems,
        "handled": sum(handled),
    }


def rows(store: Store, table: str) -> list[dict[str, Any]]:
    found = store.sql(f"SELECT * FROM {table} ORDER BY {TABLE_ORDER[table]}").to_pylist()
    for row in found:
        row.pop("ingested_at", None)  # when, not what
    return found


@pytest.mark.parametrize("table", list(TABLE_ORDER))
def test_spark_and_local_store_the_same_rows(stores: dict[str, Any], table: str) -> None:
    spark, local = rows(stores["spark"], table), rows(stores["local"], table)
    assert spark == local
    if table in ("events", "articles", "actors"):
        assert spark, f"no {table}: the comparison would prove nothing"


def test_the_reports_agree(stores: dict[str, Any]) -> None:
    spark, local = stores["spark_report"], stores["local_report"]
    assert spark.articles_new == local.articles_new == 5
    assert (spark.events, spark.quotes, spark.actors, spark.timexes) == (
        local.events, local.quotes, local.actors, local.timexes,
    )  # fmt: skip
    assert spark.articles_skipped == 1  # wire-1 twice in the input
    assert spark.batches == 2  # one batch per job: 4 tasks of one article, then 1
    assert stores["handled"] == 6
    (problem,) = stores["problems"]
    assert problem.line == 4 and "unreadable date" in problem.message


def test_spark_writes_the_commit_protocol(stores: dict[str, Any]) -> None:
    store: Store = stores["spark"]
    manifests = [json.loads(p.read_text()) for p in sorted((store.path / "commits").glob("*.json"))]
    assert len(manifests) == 2
    named = {file for m in manifests for file in m["files"].values()}
    on_disk = {f"{p.parent.name}/{p.name}" for p in store.path.glob("*/part-*.parquet")}
    assert named == on_disk  # nothing uncommitted left behind, nothing missing
    assert sorted(i for m in manifests for i in m["article_ids"]) == sorted(store.article_ids())
    assert not list(store.path.glob("**/.*.tmp"))


def test_a_second_spark_run_stores_nothing(stores: dict[str, Any]) -> None:
    again = stores["again"]
    assert (again.articles_new, again.articles_skipped, again.batches) == (0, 6, 0)


def test_extract_slice_without_spark(nlp: Any) -> None:
    article = next(i for i in sources.read([EXAMPLES]) if isinstance(i, Article))
    result = scale.extract_slice([article], None, None)
    assert result.article_ids == [article.id] and result.handled == 1
    assert result.tables["articles"]["id"].to_pylist() == [article.id]
    assert result.tables["events"].num_rows == len(
        pipeline.extract_doc(nlp(article.text), article).events
    )


def test_ingest_engine_spark_from_the_command_line(
    inputs: list[Path], stores: dict[str, Any], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from parley.cli import app

    store = tmp_path / "cli"
    runner = CliRunner()
    args = ["ingest", *map(str, inputs), "--store", str(store), "--engine", "spark"]
    result = runner.invoke(app, [*args, "--workers", "2"])
    assert result.exit_code == 1  # the broken JSONL line is reported; the rest is stored
    assert "broken" in result.output or "yesterday" in result.output
    assert Store(store).article_ids() == stores["local"].article_ids()
    result = runner.invoke(app, [*args[:-1], "fast"])
    assert result.exit_code == 2 and "local or spark" in result.output
