"""WARC input (as in Common Crawl's news crawl): HTML responses in, everything else out.

The WARC files are written here with warcio's own WARCWriter.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from pathlib import Path

import pytest

from parley import sources
from parley.records import Article, InputProblem

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

TALKS = (
    "Japanese Foreign Minister Kenji Arata met his South Korean counterpart Park Min-jun "
    "in Tokyo on Monday. The two ministers agreed to resume a regular security dialogue "
    "that was suspended in 2019. "
)
STRIKE = (
    "Russian forces attacked the Ukrainian port of Odesa with drones overnight, regional "
    "officials said on Wednesday. Air defences shot down most of the drones. "
)
WARC_DATE = "2024-03-14T08:00:00Z"


def page(title: str, text: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{html.escape(text)}</p>" for _ in range(3))
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


RECORDS = [  # (record type, url, content type, status, payload)
    ("response", "https://news.example/talks", "text/html; charset=utf-8", "200 OK",
     page("Talks in Tokyo", TALKS, "2024-03-12")),
    ("request", "https://news.example/talks", None, None, b""),
    ("response", "https://news.example/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n"),
    ("response", "https://news.example/old", "text/html", "301 Moved Permanently",
     b"<html><body>Moved</body></html>"),
    ("response", "https://news.example/strike", "text/html", "200 OK",
     page("Drones over Odesa", STRIKE)),
]  # fmt: skip


def write_warc(path: Path, records: list = RECORDS) -> list[int]:
    """Write the records; return the byte offset where each one starts."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for kind, url, content_type, status, payload in records:
            offsets.append(handle.tell())
            http = None
            if kind == "response":
                http = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            elif kind == "request":
                http = StatusAndHeaders("GET /talks HTTP/1.1", [], is_http_request=True)
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), http_headers=http,
                warc_headers_dict={"WARC-Date": WARC_DATE},
            )  # fmt: skip
            writer.write_record(record)
    return offsets


@pytest.mark.parametrize("name", ["news.warc.gz", "news.warc"])
def test_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_warc(path)
    items = list(sources.read([path]))
    assert all(isinstance(i, Article) for i in items), items
    talks, strike = items
    assert talks.url == "https://news.example/talks"  # WARC-Target-URI
    assert talks.published == dt.date(2024, 3, 12)  # the page's own date
    assert talks.title == "Talks in Tokyo"
    assert talks.text.startswith("Talks in Tokyo") and "security dialogue" in talks.text
    assert talks.origin == f"{path}@{offsets[0]}"
    assert strike.url == "https://news.example/strike"
    assert strike.published == dt.date(2024, 3, 14)  # no date on the page: WARC-Date
    assert strike.origin == f"{path}@{offsets[4]}"
    assert talks.id == sources.content_id(talks.published, talks.text)


def test_warc_in_a_directory_is_read(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "notes.md").write_text("not news")
    items = list(sources.read([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputProblem"]


def test_a_corrupt_record_names_file_and_offset(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    offsets = write_warc(good)
    data = good.read_bytes()
    broken = tmp_path / "broken.warc.gz"
    cut = offsets[2]  # the third record's gzip member is overwritten with junk
    broken.write_bytes(data[:cut] + b"\x1f\x8b\x08\x00junk-not-deflate" * 8 + data[offsets[3] :])
    items = list(sources.read([broken]))
    assert isinstance(items[0], Article) and items[0].url == "https://news.example/talks"
    problem = items[-1]
    assert isinstance(problem, InputProblem), items
    assert problem.origin == str(broken)
    assert f"corrupt WARC record at byte offset {cut}" in problem.message
    assert "\n" not in str(problem)


def test_a_truncated_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    offsets = write_warc(path)
    path.write_bytes(path.read_bytes()[:-60])  # the last record loses its end
    items = list(sources.read([path]))
    assert isinstance(items[0], Article)
    problem = items[-1]
    assert isinstance(problem, InputProblem)
    assert f"byte offset {offsets[4]}" in problem.message and "truncated" in problem.message


def test_not_a_warc_and_empty(tmp_path: Path) -> None:
    text = tmp_path / "fake.warc"
    text.write_text("hello, this is plain text\n")
    (problem,) = sources.read([text])
    assert isinstance(problem, InputProblem)
    assert problem.message.startswith("corrupt WARC record at byte offset 0")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    (problem,) = sources.read([empty])
    assert isinstance(problem, InputProblem) and "empty" in problem.message


def test_an_oversized_page_is_skipped_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    offsets = write_warc(path)
    items = list(sources.read([path], max_bytes=500))  # every page is over 500 bytes
    assert [type(i).__name__ for i in items] == ["InputProblem", "InputProblem"]
    assert items[0].origin == f"{path}@{offsets[0]}"
    assert "page too large" in items[0].message
