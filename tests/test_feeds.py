"""Feeds: RSS and Atom polled from a local HTTP server, pages fetched, new items ingested.

The server (127.0.0.1, a thread) serves two feeds and their pages: good pages, a slow
one, one that fails with 500, an oversized one, and a feed that is broken. Every
request is bounded (the slowest handler sleeps a fixed 2.5 s).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import pytest

from parley import feeds
from parley.feeds import FeedItem, FetchError, fetch_url, parse_feed
from parley.store import Store

TIMEOUT = 1.0
MAX_BYTES = 100_000


def _example(name: str) -> tuple[str, list[str]]:
    """Title and paragraphs of a bundled example (its first line is the date line)."""
    text = (resources.files("parley") / "examples" / name).read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n")[1:] if p.strip()]
    return paragraphs[0].split(",")[0], paragraphs


def _page(name: str, date: str | None) -> bytes:
    title, paragraphs = _example(name)
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>{meta}</head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>"
        f"{body}</article></body></html>"
    ).encode()


PAGES = {
    "/news/talks": _page("2024-03-12-tokyo-seoul-talks.txt", "2024-03-12"),
    "/news/strike": _page("2024-03-14-kyiv-drone-strike.txt", None),  # date from the feed
}


def _rss(base: str) -> bytes:
    items = [
        ("Talks in Tokyo", "/news/talks", "Tue, 12 Mar 2024 09:00:00 GMT"),
        ("Slow page", "/news/slow", "Tue, 12 Mar 2024 10:00:00 GMT"),
        ("Server error", "/news/error", "Tue, 12 Mar 2024 11:00:00 GMT"),
        ("Huge page", "/news/huge", "Tue, 12 Mar 2024 12:00:00 GMT"),
    ]
    body = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{date}</pubDate></item>"
        for title, path, date in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
        f"<link>{base}/</link>{body}</channel></rss>"
    ).encode()


def _atom(base: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Example Atom</title><id>urn:example:atom</id>"
        "<updated>2024-03-14T12:00:00Z</updated>"
        "<entry><title>Drone strike on Kyiv</title><id>urn:example:strike</id>"
        '<link href="/news/strike"/><updated>2024-03-14T08:00:00Z</updated></entry>'
        # the same story as in the RSS feed, under another id: fetched once
        f'<entry><title>Talks</title><id>urn:example:talks</id><link href="{base}/news/talks"/>'
        "<updated>2024-03-12T09:00:00Z</updated></entry>"
        "</feed>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    hits: Counter[str]
    base: str

    def do_GET(self) -> None:
        self.hits[self.path] += 1
        # the client may give up (timeout, size cap): that is the point
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer()

    def _answer(self) -> None:
        if self.path == "/rss.xml":
            self._send(_rss(self.base), "application/rss+xml")
        elif self.path == "/atom.xml":
            self._send(_atom(self.base), "application/atom+xml")
        elif self.path in PAGES:
            self._send(PAGES[self.path], "text/html; charset=utf-8")
        elif self.path == "/news/slow":
            time.sleep(2.5)  # well past the client's timeout, and bounded
            self._send(PAGES["/news/talks"], "text/html")
        elif self.path == "/news/huge":  # no Content-Length: only a streamed cap stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 16_000 + b"</p>"
            for _ in range(20):
                self.wfile.write(chunk)
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * MAX_BYTES))
            self.end_headers()
            self.wfile.write(b"x" * 1000)
        elif self.path == "/trickle":  # a byte every 0.2 s: each read is quick, the whole slow
            self.send_response(200)
            self.end_headers()
            for _ in range(25):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/broken.xml":
            self._send(b"<html><body>Maintenance</body></html>", "text/html", 500)
        elif self.path == "/not-a-feed.xml":
            self._send(b"this is not xml at all", "text/plain")
        elif self.path == "/news/error":
            self._send(b"oops", "text/plain", 500)
        else:
            self._send(b"not here", "text/plain", 404)

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class Server:
    def __init__(self, base: str, hits: Counter[str]) -> None:
        self.base, self.hits = base, hits

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    hits: Counter[str] = Counter()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.hits, _Handler.base = hits, base
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(base, hits)
    finally:
        httpd.shutdown()
        httpd.server_close()


# --------------------------------------------------------------------------- fetching


def test_fetch_returns_the_body(server: Server) -> None:
    assert fetch_url(server.url("/news/talks"), TIMEOUT, MAX_BYTES) == PAGES["/news/talks"]


def test_fetch_times_out_on_a_slow_server(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out") as caught:
        fetch_url(server.url("/news/slow"), TIMEOUT, MAX_BYTES)
    assert not caught.value.lasting
    assert time.monotonic() - started < TIMEOUT + 1.0


def test_fetch_timeout_bounds_the_whole_download(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(server.url("/trickle"), TIMEOUT, MAX_BYTES)  # 5 s in all, 0.2 s a byte
    assert time.monotonic() - started < TIMEOUT + 1.0


@pytest.mark.parametrize("path", ["/news/huge", "/declared-huge"])
def test_fetch_caps_the_size(server: Server, path: str) -> None:
    with pytest.raises(FetchError, match="too large") as caught:
        fetch_url(server.url(path), TIMEOUT, MAX_BYTES)
    assert caught.value.lasting


def test_fetch_http_errors(server: Server) -> None:
    with pytest.raises(FetchError, match="HTTP 500") as server_error:
        fetch_url(server.url("/news/error"), TIMEOUT, MAX_BYTES)
    assert not server_error.value.lasting  # may work on a later poll
    with pytest.raises(FetchError, match="HTTP 404") as missing:
        fetch_url(server.url("/gone"), TIMEOUT, MAX_BYTES)
    assert missing.value.lasting


def test_fetch_a_closed_port() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        fetch_url(f"http://127.0.0.1:{port}/feed", TIMEOUT, MAX_BYTES)


# --------------------------------------------------------------------------- feeds


def test_parse_rss_and_atom(server: Server) -> None:
    rss = parse_feed(_rss(server.base), server.url("/rss.xml"))
    assert [i.link for i in rss][:2] == [server.url("/news/talks"), server.url("/news/slow")]
    assert rss[0] == FeedItem(
        key=server.url("/news/talks"),
        link=server.url("/news/talks"),
        title="Talks in Tokyo",
        published=dt.date(2024, 3, 12),
        feed_title="Example Wire",
    )
    atom = parse_feed(_atom(server.base), server.url("/atom.xml"))
    assert atom[0].link == server.url("/news/strike")  # relative link resolved
    assert (atom[0].key, atom[0].published) == ("urn:example:strike", dt.date(2024, 3, 14))


def test_parse_something_else() -> None:
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(b"this is not xml at all", "http://127.0.0.1/feed")


# --------------------------------------------------------------------------- polling


def test_poll_ingests_new_items_and_survives_bad_pages(
    server: Server, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.hits.clear()
    feed_urls = [server.url(p) for p in ("/rss.xml", "/atom.xml", "/broken.xml")]
    options = {"timeout": TIMEOUT, "max_bytes": MAX_BYTES}
    caplog.set_level(logging.INFO, logger="parley.feeds")

    first = feeds.run_once(feed_urls, tmp_path / "store", **options)

    assert (first.feeds, first.feeds_failed, first.items) == (3, 1, 6)
    assert first.ingest.articles_new == 2
    assert first.pages_failed == 3
    assert first.ingest.events > 0  # the real pipeline ran
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(m.startswith(f"feed {server.url('/broken.xml')}: HTTP 500") for m in warnings)
    assert any(m.startswith(f"page {server.url('/news/slow')}: timed out") for m in warnings)
    assert any(m.startswith(f"page {server.url('/news/error')}: HTTP 500") for m in warnings)
    assert any(m.startswith(f"page {server.url('/news/huge')}: too large") for m in warnings)
    assert all("\n" not in m for m in warnings)  # one line each
    assert server.hits["/news/talks"] == 1  # in both feeds, fetched once

    store = Store(tmp_path / "store")
    stored = {row["url"]: row for row in store.articles().to_pylist()}
    talks, strike = stored[server.url("/news/talks")], stored[server.url("/news/strike")]
    assert talks["published"] == dt.date(2024, 3, 12)  # the page's date
    assert strike["published"] == dt.date(2024, 3, 14)  # none on the page: the item's
    assert strike["title"] and "Odesa" in strike["text"]
    assert strike["source"] == "Example Atom"  # the feed names the source

    # A second poll (a new watcher: the seen state is read back from the store)
    caplog.clear()
    second = feeds.run_once(feed_urls, tmp_path / "store", **options)
    assert second.ingest.articles_new == 0
    assert second.items_seen == 4  # talks twice, strike, huge (too large for good)
    assert server.hits["/news/talks"] == 1 and server.hits["/news/strike"] == 1
    assert server.hits["/news/huge"] == 1  # a lasting failure is not fetched again
    assert server.hits["/news/error"] == 2  # a passing one is retried
    assert len(store.articles()) == 2


def test_watch_polls_until_told_and_sleeps_between(server: Server, tmp_path: Path) -> None:
    reports: list[feeds.PollReport] = []
    naps: list[float] = []
    last = feeds.watch(
        [server.url("/atom.xml")],
        tmp_path / "store",
        interval=60,
        timeout=TIMEOUT,
        max_bytes=MAX_BYTES,
        state=False,
        polls=2,
        on_poll=reports.append,
        sleep=naps.append,
    )
    assert [r.ingest.articles_new for r in reports] == [2, 0]
    assert last is reports[-1]
    assert len(naps) == 1 and 0 < naps[0] <= 60


def test_seen_urls_of_stored_articles_are_not_fetched(server: Server, tmp_path: Path) -> None:
    """The store's urls count as seen even without the state file."""
    fetched: list[str] = []

    def fetch(url: str, timeout: float, max_bytes: int) -> bytes:
        fetched.append(url)
        return fetch_url(url, timeout, max_bytes)

    store_path = tmp_path / "store"
    feeds.run_once([server.url("/atom.xml")], store_path, state=False, fetch=fetch)
    assert len(fetched) == 3  # the feed and two pages
    fetched.clear()
    report = feeds.run_once([server.url("/atom.xml")], store_path, state=False, fetch=fetch)
    assert fetched == [server.url("/atom.xml")]
    assert report.items_seen == 2


# --------------------------------------------------------------------------- command line


def test_watch_once_from_the_command_line(server: Server, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from parley.cli import app

    store = tmp_path / "store"
    runner = CliRunner()
    args = ["watch", server.url("/atom.xml"), "--once", "--store", str(store), "--timeout", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert len(Store(store).article_ids()) == 2
    # a broken feed is reported and makes --once fail; what was stored stays
    result = runner.invoke(app, [*args[:1], server.url("/broken.xml"), *args[2:]])
    assert result.exit_code == 1
    assert len(Store(store).article_ids()) == 2
