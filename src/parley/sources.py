"""Reading dated news: seed text files, JSONL, CSV, HTML, directories and stdin.

Every reader yields :class:`~parley.records.Article` records, or an
:class:`~parley.records.InputProblem` for bad input, and then goes on with the next
input: one broken file (or one broken JSONL/CSV line) never stops a run.

Formats, chosen by file extension (or by sniffing the content for stdin and for
files with an unknown extension named explicitly):

* ``.txt``: a ``date YYYY-MM-DD`` line, then the article. Without a date line the
  ``published`` argument is used. Leading and trailing blank lines are dropped;
  the text is otherwise kept as read, because every offset points into it.
* ``.jsonl`` / ``.ndjson``: one object per line with ``id``, ``published``, ``text``
  and optional ``url``, ``title``, ``source``.
* ``.csv``: the same columns, with a header row.
* ``.html`` / ``.htm``: main text, title and date through trafilatura (offline).
* ``.warc`` / ``.warc.gz``: web archives (as in Common Crawl's news crawl), streamed a
  record at a time through warcio: each HTML response becomes an article (text and date
  through trafilatura, ``WARC-Date`` when the page has no date, ``WARC-Target-URI`` as
  url); other records are skipped; the cap applies to each page.

Line-oriented files (JSONL, CSV) and WARC files are streamed, so they may be much larger than
``max_bytes``; there the cap applies to each record. Other files are read whole and
the cap applies to the file.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from parley.records import Article, InputProblem

DEFAULT_MAX_BYTES = 20_000_000

Item = Article | InputProblem

TEXT_SUFFIXES = frozenset({".txt"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES
WARC_SUFFIXES = (".warc", ".warc.gz")  # whole-name endings: ".gz" alone says nothing

_SNIFF_BYTES = 8192
# The seed format's first line. Anything after "date" is checked by parse_published.
_DATE_LINE = re.compile(r"[ \t]*date[ \t]*:?[ \t]+(?P<value>\S+)[ \t]*\r?(?:\n|$)", re.IGNORECASE)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\r?\n)+")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WHITESPACE = re.compile(r"\s+")
_NOT_PRINTABLE = re.compile(r"[^\x20-\x7e]+")
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\n\s*")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
NUL = b"\x00"


class InputError(ValueError):
    """A problem with one input; the message is what the user sees."""


# --------------------------------------------------------------------------- public API


def read(
    paths: Iterable[str | Path],
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Read every file (directories recursively) and yield articles and input problems.

    ``published`` dates inputs that carry no date of their own; ``-`` reads stdin.
    """
    for raw in paths:
        if str(raw) == "-":  # the usual name for stdin
            yield from read_stream(sys.stdin.buffer, "<stdin>", published, max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_directory(path, published, max_bytes)
        else:
            yield from _read_file(path, published, max_bytes, explicit=True)


def read_stream(
    stream: IO[bytes] | IO[str],
    name: str = "<stdin>",
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    kind: str | None = None,
) -> Iterator[Item]:
    """Read one input from an open stream (stdin); the format is sniffed unless ``kind``
    (``txt``, ``jsonl``, ``csv`` or ``html``) is given.

    JSONL and CSV on a binary stream are streamed, a record at a time (the cap bounds each
    record); anything else is read whole, up to ``max_bytes``.
    """
    try:
        head = stream.read(_SNIFF_BYTES)
        if isinstance(head, bytes):
            kind = kind or _sniff_kind(head)
            if kind in ("jsonl", "csv"):
                head += stream.readline(max_bytes)  # finish the line the sniff cut
                lines = itertools.chain(io.BytesIO(head), stream)  # type: ignore[arg-type]
                yield from _read_lines(kind, head, lines, name, published, max_bytes)
                return
        data = head + stream.read(max_bytes + 1 - len(head))  # type: ignore[operator]
    except OSError as exc:
        yield InputProblem(name, f"cannot read: {exc.strerror or exc}")
        return
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        yield InputProblem(name, f"input too large: over the cap of {max_bytes} bytes")
        return
    yield from _read_bytes(data, name, kind or _sniff_kind(data), published, max_bytes)


def parse_published(value: Any) -> dt.date:
    """A date from ``YYYY-MM-DD`` or a full ISO datetime (its date is taken).

    Raises :class:`InputError` with a message fit for the user.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"published date {value!r} is not a string (want YYYY-MM-DD)")
    text = value.strip()
    match = _ISO_DAY.match(text)
    if not match:
        raise InputError(f"unreadable date {text!r} (want YYYY-MM-DD or an ISO datetime)")
    try:
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise InputError(f"impossible date {text!r}") from None
    if len(text) > 10:
        try:  # the time part must be valid ISO too, or the whole value is suspect
            dt.datetime.fromisoformat(text)
        except ValueError:
            raise InputError(
                f"unreadable date {text!r} (want YYYY-MM-DD or an ISO datetime)"
            ) from None
    return day


def content_id(published: dt.date, text: str) -> str:
    """A stable id from the date and the text, so one article read twice is one article.

    The text is normalised (Unicode NFC, whitespace collapsed) so that copies that only
    differ in line endings or spacing share an id.
    """
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    digest = hashlib.sha1(f"{published.isoformat()}\n{normalised}".encode())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- files


def _read_directory(folder: Path, published: dt.date | None, max_bytes: int) -> Iterator[Item]:
    def walk_error(exc: OSError) -> None:
        problems.append(InputProblem(str(exc.filename or folder), f"cannot read: {exc.strerror}"))

    problems: list[InputProblem] = []
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=walk_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden folders: .git, .cache
        files.extend(Path(root, n) for n in names if not n.startswith("."))
    yield from problems
    for path in sorted(files):
        yield from _read_file(path, published, max_bytes, explicit=False)


def _read_file(
    path: Path, published: dt.date | None, max_bytes: int, explicit: bool
) -> Iterator[Item]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if path.name.lower().endswith(WARC_SUFFIXES):
            yield from _read_warc(path, published, max_bytes)
            return
        if suffix in JSONL_SUFFIXES:
            yield from _read_line_file(path, "jsonl", published, max_bytes)
            return
        if suffix in CSV_SUFFIXES:
            yield from _read_line_file(path, "csv", published, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield InputProblem(origin, f"file too large: {size} bytes, over the cap of {max_bytes}")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputProblem(origin, "file not found")
        return
    except IsADirectoryError:
        yield InputProblem(origin, "is a directory")
        return
    except OSError as exc:
        yield InputProblem(origin, f"cannot read: {exc.strerror or exc}")
        return
    if suffix in TEXT_SUFFIXES:
        kind = "txt"
    elif suffix in HTML_SUFFIXES:
        kind = "html"
    elif explicit:
        kind = _sniff_kind(data)  # the user named it: make the best of it
    else:
        if _looks_like_text(data):  # in a folder: say why a text file was passed over
            known = ", ".join(sorted(KNOWN_SUFFIXES))
            message = f"skipped: unknown extension {suffix or '(none)'!r} (known: {known})"
            yield InputProblem(origin, message)
        return
    yield from _read_bytes(data, origin, kind, published, max_bytes)


def _read_bytes(
    data: bytes, origin: str, kind: str, published: dt.date | None, max_bytes: int
) -> Iterator[Item]:
    if kind == "html":
        yield from _read_html(data, origin, published)
        return
    try:
        text = _decode(data)
    except InputError as exc:
        yield InputProblem(origin, str(exc))
        return
    if not text.strip():
        yield InputProblem(origin, "empty file")
        return
    if kind == "jsonl":
        yield from _parse_jsonl(_numbered(text.split("\n")), origin, published, max_bytes)
    elif kind == "csv":
        yield from _parse_csv(io.StringIO(text, newline=""), origin, published, max_bytes, None)
    else:
        yield _parse_seed(text, origin, published)


# --------------------------------------------------------------------------- seed text


def _parse_seed(text: str, origin: str, published: dt.date | None) -> Item:
    """The seed format: an optional ``date YYYY-MM-DD`` line, then the article."""
    blank = _LEADING_BLANK_LINES.match(text)
    start = blank.end() if blank else 0
    match = _DATE_LINE.match(text, start)
    if match:
        try:
            day = parse_published(match.group("value"))
        except InputError as exc:
            return InputProblem(origin, str(exc), line=text.count("\n", 0, start) + 1)
        body = text[match.end() :]
    elif published is not None:
        day, body = published, text
    else:
        message = "missing date: no 'date YYYY-MM-DD' first line and no --published"
        return InputProblem(origin, message)
    leading = _LEADING_BLANK_LINES.match(body)
    body = body[leading.end() :] if leading else body
    body = body.rstrip()
    if not body:
        return InputProblem(origin, "no text after the date line")
    return Article(id=content_id(day, body), published=day, text=body, origin=origin)


# --------------------------------------------------------------------------- JSONL


def _read_line_file(
    path: Path, kind: str, published: dt.date | None, max_bytes: int
) -> Iterator[Item]:
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        handle.seek(0)
        yield from _read_lines(kind, head, handle, str(path), published, max_bytes)


def _read_lines(
    kind: str,
    head: bytes,
    lines: Iterable[bytes],
    origin: str,
    published: dt.date | None,
    max_bytes: int,
) -> Iterator[Item]:
    """JSONL or CSV, streamed line by line; ``head`` (the first bytes) is checked first."""
    if not head.strip():
        yield InputProblem(origin, "empty file")
    elif NUL in head:
        yield InputProblem(origin, _binary_message(head))
    elif kind == "jsonl":
        yield from _parse_jsonl(
            _decoded_lines(lines, origin, max_bytes), origin, published, max_bytes
        )
    else:
        errors: list[tuple[int, int]] = []  # (line, byte offset) of undecodable lines
        yield from _parse_csv(_csv_lines(lines, errors), origin, published, max_bytes, errors)


def _parse_jsonl(
    lines: Iterable[tuple[int, str | InputProblem]],
    origin: str,
    published: dt.date | None,
    max_bytes: int,
) -> Iterator[Item]:
    seen_record = False
    for number, line in lines:
        if isinstance(line, InputProblem):
            seen_record = True
            yield line
            continue
        if not line.strip():
            continue
        seen_record = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(origin, f"malformed JSON: {exc.msg} at column {exc.colno}", number)
            continue
        if not isinstance(record, dict):
            message = f"malformed JSONL: want one object per line, got {type(record).__name__}"
            yield InputProblem(origin, message, number)
            continue
        yield _article_from_record(record, origin, number, published, max_bytes, "field")
    if not seen_record:
        yield InputProblem(origin, "empty file")


def _decoded_lines(
    handle: Iterable[bytes], origin: str, max_bytes: int
) -> Iterator[tuple[int, str | InputProblem]]:
    """Lines of a binary file as text, each checked on its own so one bad line costs one line."""
    offset = 0
    for number, raw in enumerate(handle, start=1):
        if len(raw) > max_bytes:
            message = f"line too long: over the cap of {max_bytes} bytes"
            yield number, InputProblem(origin, message, number)
        else:
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                message = f"invalid UTF-8 at byte {offset + exc.start} of the file"
                yield number, InputProblem(origin, message, number)
            else:
                yield number, text
        offset += len(raw)


def _numbered(lines: list[str]) -> Iterator[tuple[int, str | InputProblem]]:
    return enumerate(lines, start=1)  # type: ignore[return-value]


# --------------------------------------------------------------------------- CSV


def _csv_lines(handle: Iterable[bytes], errors: list[tuple[int, int]]) -> Iterator[str]:
    """Decoded physical lines for the csv module; bad bytes are noted, not fatal."""
    offset = 0
    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            errors.append((number, offset + exc.start))
            yield raw.decode("utf-8", "replace")
        offset += len(raw)


def _parse_csv(
    lines: Iterable[str],
    origin: str,
    published: dt.date | None,
    max_bytes: int,
    decode_errors: list[tuple[int, int]] | None,
) -> Iterator[Item]:
    csv.field_size_limit(max(max_bytes, csv.field_size_limit()))
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield InputProblem(origin, f"malformed CSV header: {exc}", 1)
        return
    if header is None:
        yield InputProblem(origin, "empty file")
        return
    if decode_errors:
        yield InputProblem(origin, f"invalid UTF-8 at byte {decode_errors[0][1]} of the file", 1)
        return
    columns = [name.strip().lower() for name in header]
    if "text" not in columns:
        yield InputProblem(origin, "missing text column (have: " + ", ".join(columns) + ")", 1)
        return
    if "published" not in columns and "date" not in columns and published is None:
        yield InputProblem(origin, "missing published column and no --published", 1)
        return
    records = 0
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            records += 1
            yield InputProblem(origin, f"malformed CSV: {exc}", first_line)
            if reader.line_num < first_line:
                break  # the reader cannot move on
            continue
        if row is None:
            break
        if decode_errors:
            records += 1
            line, byte = decode_errors[0]
            decode_errors.clear()
            yield InputProblem(origin, f"invalid UTF-8 at byte {byte} of the file", line)
            continue
        if not any(cell.strip() for cell in row):
            continue
        records += 1
        if len(row) != len(columns):
            message = f"malformed CSV row: {len(row)} fields, header has {len(columns)}"
            yield InputProblem(origin, message, first_line)
            continue
        record = dict(zip(columns, row, strict=True))
        yield _article_from_record(record, origin, first_line, published, max_bytes, "column")
    if records == 0:
        yield InputProblem(origin, "no rows after the header", 1)


# --------------------------------------------------------------------------- records


def _article_from_record(
    record: dict[str, Any],
    origin: str,
    line: int,
    published: dt.date | None,
    max_bytes: int,
    what: str,
) -> Item:
    """An article from one JSONL object or CSV row (``what`` names their parts in messages)."""
    text = record.get("text")
    if text is None:
        return InputProblem(origin, f"missing text {what}", line)
    if not isinstance(text, str):
        return InputProblem(origin, f"text {what} is not a string", line)
    text = text.strip()
    if not text:
        return InputProblem(origin, f"empty text {what}", line)
    if len(text) > max_bytes:
        return InputProblem(origin, f"text too large: over the cap of {max_bytes} bytes", line)
    raw_date = record.get("published", record.get("date"))
    if raw_date in (None, ""):
        if published is None:
            return InputProblem(origin, f"missing published {what} and no --published", line)
        day = published
    else:
        try:
            day = parse_published(raw_date)
        except InputError as exc:
            return InputProblem(origin, str(exc), line)
    given_id = record.get("id")
    article_id = str(given_id).strip() if given_id not in (None, "") else content_id(day, text)
    return Article(
        id=article_id,
        published=day,
        text=text,
        title=_optional(record.get("title")),
        url=_optional(record.get("url")),
        source=_optional(record.get("source")),
        origin=f"{origin}:{line}",
    )


def _optional(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --------------------------------------------------------------------------- HTML


def _read_html(data: bytes, origin: str, published: dt.date | None) -> Iterator[Item]:
    if not data.strip():
        yield InputProblem(origin, "empty file")
        return
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith(_UTF16_BOMS):
        yield InputProblem(origin, _binary_message(data))
        return
    import trafilatura  # slow to import: only when a page is read

    try:
        page = trafilatura.bare_extraction(data, with_metadata=True)
    except Exception as exc:  # trafilatura or lxml on a broken page: report, go on
        yield InputProblem(origin, f"cannot parse HTML: {exc}")
        return
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    # trafilatura puts one paragraph (or the headline) per line; a blank line between
    # them, as in the seed format, keeps the parser from running a headline into a sentence
    text = _PARAGRAPH_BREAK.sub("\n\n", text)
    if not text:
        yield InputProblem(origin, "no article text found in the HTML")
        return
    day = None
    if page.date:
        try:
            day = parse_published(page.date)
        except InputError:
            day = None  # an odd page date: fall back on --published
    day = day or published
    if day is None:
        yield InputProblem(origin, "missing date: none in the page and no --published")
        return
    yield Article(
        id=content_id(day, text),
        published=day,
        text=text,
        title=_optional(page.title),
        url=_optional(page.url),
        source=_optional(page.sitename or page.hostname),
        origin=origin,
    )


# --------------------------------------------------------------------------- WARC


def _read_warc(path: Path, published: dt.date | None, max_bytes: int) -> Iterator[Item]:
    """HTML responses of a WARC file as articles, streamed record by record.

    A record that cannot be parsed ends the file (a WARC cannot be resynchronised
    reliably) with one problem naming the file and the record's byte offset.
    """
    from warcio.archiveiterator import ArchiveIterator  # only when a WARC is read

    origin = str(path)
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        found = False
        while True:
            try:
                record = next(records)
                found = True
                items = _warc_record_items(record, records.offset, origin, published, max_bytes)
            except StopIteration:
                break
            except OSError as exc:
                yield InputProblem(origin, f"cannot read: {exc.strerror or exc}")
                return
            except Exception as exc:  # warcio, zlib or a parser on broken bytes: report, stop
                reason = _NOT_PRINTABLE.sub("?", " ".join(str(exc).split()))[:120]
                reason = reason or type(exc).__name__
                message = f"corrupt WARC record at byte offset {records.offset}: {reason}"
                yield InputProblem(origin, message)
                return
            yield from items
    if not found:
        yield InputProblem(origin, "empty file: no WARC records")


def _warc_record_items(
    record: Any, offset: int, origin: str, published: dt.date | None, max_bytes: int
) -> list[Item]:
    """What one WARC record holds: nothing unless it is an HTML response.

    Reads the record's payload here (not lazily) so a corrupt payload is reported at
    the offset of its own record.
    """
    if record.format != "warc":  # warcio also reads ARC, and mistakes plain text for it
        raise ValueError("not a WARC record")
    if record.rec_type != "response" or record.http_headers is None:
        return []
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode() or ""
    if "html" not in content_type or not status.startswith("2"):
        return []  # images, feeds, robots.txt, redirects: no article there
    where = f"{origin}@{offset}"
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return [InputProblem(where, f"page too large: over the cap of {max_bytes} bytes")]
    missing = getattr(record.raw_stream, "limit", 0)  # what Content-Length promised, unread
    if missing > 0:
        raise ValueError(f"record truncated: {missing} bytes of its content are missing")
    url = _optional(record.rec_headers.get_header("WARC-Target-URI"))
    fallback = published
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        try:
            fallback = parse_published(warc_date.replace("Z", "+00:00"))
        except InputError:
            fallback = published
    items: list[Item] = []
    for item in _read_html(data, where, fallback):
        if isinstance(item, Article) and url:
            item = dataclasses.replace(item, url=url)
        items.append(item)
    return items


# --------------------------------------------------------------------------- bytes


def _decode(data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted)."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(_binary_message(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"invalid UTF-8 at byte {exc.start} (line {line})") from None
    return text.replace("\r\n", "\n")


def _binary_message(data: bytes) -> str:
    return f"binary file (NUL byte at offset {data.index(NUL)})"


def _looks_like_text(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if not head.strip() or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut by the sniff window is fine
    return True


def _sniff_kind(data: bytes) -> str:
    """Guess the format of a stream from its first bytes."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")):
        return "html"
    first_line = head.split(b"\n", 1)[0]
    if not _DATE_LINE.match(first_line.decode("utf-8", "replace")):
        cells = [c.strip().strip('"') for c in first_line.decode("utf-8", "replace").split(",")]
        if "text" in cells and len(cells) >= 2:
            return "csv"
    return "txt"
