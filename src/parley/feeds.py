"""Real news in: poll RSS and Atom feeds, fetch each new item's page, ingest it.

Each poll fetches every feed (feedparser), then the page of every item not seen before,
with a timeout on the whole download and a cap on its size; trafilatura takes the main
text and the publication date from the page (the item's own date, else the poll's day,
when the page has none). The articles go through the real pipeline
(:func:`parley.pipeline.extract`) into :meth:`parley.store.Store.ingest`, which skips
articles already stored. A slow, broken, oversized or empty page costs one log line
(logger ``parley.feeds``) and the poll goes on.

Seen items are remembered by item id and link: the urls of stored articles, plus a
small state file in the store (``.feeds-seen``, one key a line, appended). A page that
failed for a passing reason (timeout, 5xx, network) is retried on the next polls, up to
:data:`MAX_TRIES` times; one that can never give an article (4xx, too large, no text)
is not fetched again.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import io
import logging
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from parley import nlp, pipeline, sources
from parley.actors import KnownActors
from parley.records import Article, Extraction, InputProblem
from parley.store import IngestReport, Store

log = logging.getLogger("parley.feeds")

DEFAULT_INTERVAL = 300.0  # seconds between polls: news feeds change in minutes, not seconds
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5_000_000  # a news page is rarely over 1 MB; a feed rarely over 2 MB
MAX_TRIES = 3
SEEN_FILE = ".feeds-seen"
USER_AGENT = "parley-feeds/0.1 (+https://github.com/parley)"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL gave no usable body. ``lasting``: retrying will not help (4xx, too large)."""

    def __init__(self, message: str, lasting: bool = False) -> None:
        super().__init__(message)
        self.lasting = lasting


class Fetch(Protocol):
    def __call__(self, url: str, timeout: float, max_bytes: int) -> bytes: ...


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: where its page is and what the feed says of it."""

    key: str  # the item's id (guid), else its link
    link: str
    title: str | None
    published: dt.date | None
    feed_title: str | None


@dataclass
class PollReport:
    """What one poll did."""

    feeds: int = 0
    feeds_failed: int = 0
    items: int = 0
    items_seen: int = 0  # skipped without fetching: seen in an earlier poll or stored
    pages_failed: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)


# --------------------------------------------------------------------------- fetching


def fetch_url(
    url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """The body of ``url``, read within ``timeout`` seconds in all and ``max_bytes`` at most.

    The timeout bounds the whole download, not just each socket read, so a server that
    trickles a byte at a time cannot hold a poll. Raises :class:`FetchError`.
    """
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"too large: {declared} bytes, over {max_bytes}", lasting=True)
            parts: list[bytes] = []
            size = 0
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"too large: over {max_bytes} bytes", lasting=True)
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {timeout:g} s")
                parts.append(chunk)
            return b"".join(parts)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}", lasting=400 <= exc.code < 500) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"timed out after {timeout:g} s") from None
        raise FetchError(f"cannot connect: {reason}") from None
    except TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # reset connections, bad URLs, broken HTTP
        raise FetchError(f"{type(exc).__name__}: {exc}") from None


# --------------------------------------------------------------------------- feeds


def parse_feed(data: bytes, feed_url: str) -> list[FeedItem]:
    """The items of an RSS or Atom document (bytes: feedparser never fetches here)."""
    import feedparser  # only when feeds are read

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = parsed.get("bozo_exception") or "unreadable"
        raise FetchError(f"not an RSS or Atom feed: {reason}", lasting=False)
    feed_title = _clean(parsed.feed.get("title"))
    items = []
    for entry in parsed.entries:
        link = _clean(entry.get("link"))
        if not link:
            continue  # nothing to fetch
        link = urllib.parse.urljoin(feed_url, link)
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (
            dt.datetime.fromtimestamp(calendar.timegm(when), dt.UTC).date() if when else None
        )
        items.append(
            FeedItem(
                key=_clean(entry.get("id")) or link,
                link=link,
                title=_clean(entry.get("title")),
                published=published,
                feed_title=feed_title,
            )
        )
    return items


def page_article(item: FeedItem, body: bytes, today: dt.date) -> Article | InputProblem:
    """The article on an item's page: text and date through trafilatura (as ``.html``
    files are read), the item's date (else ``today``) when the page has none."""
    fallback = item.published or today
    stream = io.BytesIO(body)
    found = next(iter(sources.read_stream(stream, item.link, fallback, len(body) + 1, "html")))
    if isinstance(found, InputProblem):
        return found
    return dataclasses.replace(
        found,
        url=item.link,
        title=found.title or item.title,
        source=found.source or item.feed_title,
    )


# --------------------------------------------------------------------------- seen state


class SeenItems:
    """Item keys and links already handled, kept in a file of one key a line (appended)."""

    def __init__(self, path: Path | None, initial: Iterable[str] = ()) -> None:
        self.path = path
        self._keys = set(initial)
        if path is not None and path.is_file():
            with path.open(encoding="utf-8") as handle:
                self._keys.update(line.rstrip("\n") for line in handle if line.strip())

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def add(self, keys: Iterable[str]) -> None:
        new = [k for k in dict.fromkeys(keys) if k and "\n" not in k and k not in self._keys]
        if not new:
            return
        self._keys.update(new)
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write("".join(f"{key}\n" for key in new))
                handle.flush()
                os.fsync(handle.fileno())


# --------------------------------------------------------------------------- polling


class FeedWatcher:
    """Polls a fixed list of feeds into one store, remembering what it has seen."""

    def __init__(
        self,
        feed_urls: Iterable[str],
        store: Store | str | os.PathLike[str],
        *,
        model: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        fetch: Fetch | None = None,
        state: Path | bool = True,
    ) -> None:
        self.feed_urls = list(dict.fromkeys(feed_urls))
        self.store = store if isinstance(store, Store) else Store(store)
        self.model = model
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.fetch: Fetch = fetch or fetch_url
        path = (
            self.store.path / SEEN_FILE
            if state is True
            else (state if isinstance(state, Path) else None)
        )
        self.seen = SeenItems(path, self.store.article_urls())
        self._tries: dict[str, int] = {}  # passing failures per item key

    def poll(self) -> PollReport:
        """Fetch every feed once and ingest the pages of its new items."""
        report = PollReport()
        items: list[FeedItem] = []
        for url in self.feed_urls:
            report.feeds += 1
            try:
                items.extend(parse_feed(self.fetch(url, self.timeout, self.max_bytes), url))
            except FetchError as exc:
                report.feeds_failed += 1
                log.warning("feed %s: %s", url, exc)
        report.items = len(items)
        fresh: list[FeedItem] = []
        queued: set[str] = set()
        for item in items:
            if item.key in self.seen or item.link in self.seen or item.link in queued:
                report.items_seen += 1
            else:
                queued.update((item.key, item.link))
                fresh.append(item)
        done: list[str] = []  # keys to remember once their articles are committed
        today = dt.datetime.now(dt.UTC).date()

        def articles() -> Iterator[Article]:
            for item in fresh:
                try:
                    body = self.fetch(item.link, self.timeout, self.max_bytes)
                except FetchError as exc:
                    report.pages_failed += 1
                    tries = self._tries.get(item.key, 0) + 1
                    self._tries[item.key] = tries
                    if exc.lasting or tries >= MAX_TRIES:
                        done.extend((item.key, item.link))
                        log.warning("page %s: %s (not retried)", item.link, exc)
                    else:
                        log.warning("page %s: %s (try %d of %d)", item.link, exc, tries, MAX_TRIES)
                    continue
                found = page_article(item, body, today)
                done.extend((item.key, item.link))
                if isinstance(found, InputProblem):
                    report.pages_failed += 1
                    log.warning("page %s: %s", item.link, found.message)
                    continue
                log.info("page %s: %s (%s)", item.link, found.title or "untitled", found.published)
                yield found

        if fresh:
            known = KnownActors.from_records(self.store.known_actors_records())
            language = nlp.load(self.model)
            extracted = pipeline.extract(articles(), language, known=known)
            report.ingest = self.store.ingest(_logged(extracted))
        self.seen.add(done)
        for key in done:
            self._tries.pop(key, None)
        return report


def run_once(
    feed_urls: Iterable[str],
    store: Store | str | os.PathLike[str],
    **options: Any,
) -> PollReport:
    """One poll of ``feed_urls`` into ``store`` (options as for :func:`watch`)."""
    return FeedWatcher(feed_urls, store, **options).poll()


def watch(
    feed_urls: Iterable[str],
    store: Store | str | os.PathLike[str],
    interval: float = DEFAULT_INTERVAL,
    once: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: Fetch | None = None,
    *,
    model: str | None = None,
    state: Path | bool = True,
    polls: int | None = None,
    on_poll: Callable[[PollReport], Any] | None = None,
    sleep: Callable[[float], Any] = time.sleep,
) -> PollReport:
    """Poll the feeds every ``interval`` seconds (once with ``once``; ``polls`` times if
    given) and ingest what is new; returns the last poll's report.

    ``timeout`` bounds each download, ``max_bytes`` its size; ``fetch(url, timeout,
    max_bytes) -> bytes`` replaces the HTTP client; ``state``: the seen-items file
    (True: ``.feeds-seen`` in the store; False: in memory only). ``on_poll`` gets
    each poll's report. Stops on Ctrl-C between polls as well as during one.
    """
    watcher = FeedWatcher(
        feed_urls, store, model=model, timeout=timeout, max_bytes=max_bytes, fetch=fetch,
        state=state,
    )  # fmt: skip
    limit = 1 if once else polls
    done = 0
    while True:
        started = time.monotonic()
        report = watcher.poll()
        done += 1
        log.info(
            "poll %d: %d feeds (%d failed), %d items, %d new articles, %d pages failed",
            done, report.feeds, report.feeds_failed, report.items,
            report.ingest.articles_new, report.pages_failed,
        )  # fmt: skip
        if on_poll is not None:
            on_poll(report)
        if limit is not None and done >= limit:
            return report
        sleep(max(0.0, interval - (time.monotonic() - started)))


def _logged(results: Iterable[Extraction | InputProblem]) -> Iterator[Extraction]:
    for result in results:
        if isinstance(result, InputProblem):
            log.warning("%s", result)
        else:
            yield result


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None
