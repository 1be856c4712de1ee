"""Reading dated news: every format, directories, stdin, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from parley import sources
from parley.records import Article, InputProblem

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
SHARED = Path(__file__).resolve().parents[2] / "shared"
JUNE_19 = dt.date(2023, 6, 19)


def read_all(*paths: str | Path, **options: object) -> list[Article | InputProblem]:
    return list(sources.read(paths, **options))  # type: ignore[arg-type]


def only_article(*paths: str | Path, **options: object) -> Article:
    (item,) = read_all(*paths, **options)
    assert isinstance(item, Article), item
    return item


def only_problem(*paths: str | Path, **options: object) -> InputProblem:
    (item,) = read_all(*paths, **options)
    assert isinstance(item, InputProblem), item
    return item


def articles(items: list[Article | InputProblem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list[Article | InputProblem]) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


# --------------------------------------------------------------------------- seed text


def test_the_seed_example() -> None:
    seed = SHARED / "examples" / "seed.txt"
    if not seed.is_file():
        pytest.skip("shared examples absent")
    article = only_article(seed)
    assert article.published == JUNE_19
    assert article.text.startswith("US Secretary of State Antony Blinken will meet")
    assert article.text == article.text.strip()
    assert "date" not in article.text[:20]
    assert re.fullmatch(r"[0-9a-f]{16}", article.id)
    assert article.origin == str(seed)


def test_date_line_with_bom_spaces_and_blank_lines() -> None:
    article = only_article(FIXTURES / "dated.txt")
    assert article.published == JUNE_19
    # blank lines around the text go; inside it, nothing changes (offsets point into it)
    assert article.text == "Beijing hosted talks on Sunday.\n\n  An indented second paragraph."


def test_date_line_takes_the_date_of_an_iso_datetime(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("DATE: 2023-06-19T23:30:00-05:00\r\nText here.\r\n")
    article = only_article(path)
    assert (article.published, article.text) == (JUNE_19, "Text here.")


def test_plain_text_needs_published(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("\n\nNo date line here.\n")
    article = only_article(path, published=JUNE_19)
    assert (article.published, article.text) == (JUNE_19, "No date line here.")
    problem = only_problem(path)
    assert str(problem).startswith(f"{path}: missing date")


def test_date_line_wins_over_published(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2020-01-02\nText.")
    assert only_article(path, published=JUNE_19).published == dt.date(2020, 1, 2)


def test_content_id_is_stable_and_depends_on_date_and_words() -> None:
    one = sources.content_id(JUNE_19, "Talks  went\nwell.")
    assert one == sources.content_id(JUNE_19, "Talks went well.")
    assert one != sources.content_id(JUNE_19, "Talks went badly.")
    assert one != sources.content_id(dt.date(2023, 6, 20), "Talks went well.")


# --------------------------------------------------------------------------- JSONL & CSV


def test_jsonl_records() -> None:
    items = read_all(FIXTURES / "articles.jsonl")
    assert [a.id for a in articles(items)] == ["wire-1", "42", articles(items)[2].id]
    first, second, third = articles(items)
    assert (first.title, first.url, first.source) == (
        "Ministers meet",
        "https://example.org/1",
        "Example Wire",
    )
    assert second.published == dt.date(2023, 6, 20)  # the date of an ISO datetime
    assert third.id == sources.content_id(dt.date(2023, 6, 21), third.text)
    assert third.origin == f"{FIXTURES / 'articles.jsonl'}:4"  # the blank line 3 counts
    assert not problems(items)


def test_ndjson_extension_and_published_fallback(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps({"id": "n1", "text": "Undated."}) + "\n")
    assert only_article(path, published=JUNE_19).published == JUNE_19
    problem = only_problem(path)
    assert (problem.origin, problem.line) == (str(path), 1)
    assert "missing published" in problem.message


def test_csv_with_quoted_newlines() -> None:
    first, second = read_all(FIXTURES / "articles.csv")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Leaders arrived in Brussels.\n\nThe summit opens on Monday."
    assert (first.title, first.source, first.published) == (
        "Summit, day one",
        "Example Daily",
        JUNE_19,
    )
    assert first.origin.endswith("articles.csv:2")
    assert second.origin.endswith("articles.csv:5")  # the record after the 3-line one
    assert (second.id, second.source, second.published) == ("c-2", None, dt.date(2023, 6, 20))


def test_csv_row_problems_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "published,text\n2023-06-19,Fine.\n2023-02-30,Bad date.\n2023-06-19,\n2023-06-19,x,extra\n"
        "2023-06-20,Also fine.\n"
    )
    items = read_all(path)
    assert [a.text for a in articles(items)] == ["Fine.", "Also fine."]
    assert [(p.line, p.message) for p in problems(items)] == [
        (3, "impossible date '2023-02-30'"),
        (4, "empty text column"),
        (5, "malformed CSV row: 3 fields, header has 2"),
    ]


def test_csv_missing_columns(tmp_path: Path) -> None:
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,published,body\n1,2023-06-19,Words.\n")
    problem = only_problem(no_text)
    assert (problem.line, problem.message.split(" (")[0]) == (1, "missing text column")
    no_date = tmp_path / "no_date.csv"
    no_date.write_text("id,text\n1,Words.\n")
    assert only_problem(no_date).message == "missing published column and no --published"
    assert only_article(no_date, published=JUNE_19).id == "1"


# --------------------------------------------------------------------------- HTML


def test_html_main_text_title_and_date() -> None:
    article = only_article(FIXTURES / "page.html")
    assert article.published == JUNE_19
    assert article.title == "Ministers agree to resume talks"
    assert article.source == "Example News"
    assert "agreed on Sunday to resume talks" in article.text
    assert "Washington later this year" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


def test_html_without_a_date_falls_back_on_published(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_text()
    undated = re.sub(r'<meta property="article:published_time"[^>]*>', "", page)
    path = tmp_path / "undated.htm"
    path.write_text(undated)
    assert only_article(path, published=dt.date(2023, 7, 1)).published == dt.date(2023, 7, 1)
    assert "missing date" in only_problem(path).message


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    assert "no article text" in only_problem(path, published=JUNE_19).message


# --------------------------------------------------------------------------- directories


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("date 2023-06-19\nZed.")
    (tmp_path / "a.txt").write_text("date 2023-06-19\nAy.")
    (tmp_path / "b" / "c.jsonl").write_text(
        '{"id": "c", "published": "2023-06-19", "text": "See."}\n'
    )
    (tmp_path / ".hidden.txt").write_text("date 2023-06-19\nHidden.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("date 2023-06-19\nGit.")
    (tmp_path / "notes.md").write_text("Some notes")  # text, but not an input: noted
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # binary: silent
    items = read_all(tmp_path)
    assert [a.text for a in articles(items)] == ["Ay.", "See.", "Zed."]
    (note,) = problems(items)
    assert note.origin == str(tmp_path / "notes.md")
    assert note.message.startswith("skipped: unknown extension '.md'")


def test_a_file_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "feed.dat"
    path.write_text('{"id": "s1", "published": "2023-06-19", "text": "Sniffed."}\n')
    assert only_article(path).id == "s1"


def test_reading_goes_on_after_a_bad_input(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("date 2023-06-19\nGood.")
    items = read_all(tmp_path / "missing.txt", tmp_path / "good.txt")
    assert [type(i) for i in items] == [InputProblem, Article]


# --------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("data", "expected_text"),
    [
        (b"\xef\xbb\xbf date 2023-06-19 \n\nFrom stdin.\n", "From stdin."),
        (b'{"id": "j", "published": "2023-06-19", "text": "Jay."}\n', "Jay."),
        (b'id,published,text\nc,2023-06-19,"Sea,\nside."\n', "Sea,\nside."),
        ((FIXTURES / "page.html").read_bytes(), None),
    ],
)
def test_stdin_formats_are_sniffed(data: bytes, expected_text: str | None) -> None:
    (item,) = sources.read_stream(io.BytesIO(data))
    assert isinstance(item, Article), item
    assert item.published == JUNE_19
    assert item.origin is not None and item.origin.startswith("<stdin>")
    if expected_text is not None:
        assert item.text == expected_text


def test_stdin_text_stream_with_published() -> None:
    (item,) = sources.read_stream(io.StringIO("Just words."), "-", published=JUNE_19)
    assert isinstance(item, Article) and item.text == "Just words."


def test_stdin_jsonl_is_streamed_past_the_cap() -> None:
    records = [{"id": f"r{n}", "published": "2023-06-19", "text": "w" * 300} for n in range(100)]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    assert len(data) > 30_000  # several sniff windows, so a line straddles one
    items = list(sources.read_stream(io.BytesIO(data), max_bytes=1000))
    assert [a.id for a in articles(items)] == [f"r{n}" for n in range(100)]
    assert articles(items)[-1].origin == "<stdin>:100"


def test_stdin_over_the_cap() -> None:
    (item,) = sources.read_stream(io.BytesIO(b"date 2023-06-19\n" + b"x" * 100), max_bytes=50)
    assert isinstance(item, InputProblem) and "too large" in item.message
    assert str(item).startswith("<stdin>: ")


# --------------------------------------------------------------------------- bad input


def test_empty_file(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.jsonl", "empty.csv", "empty.html"):
        path = tmp_path / name
        path.write_text(" \n\n")
        assert str(only_problem(path, published=JUNE_19)) == f"{path}: empty file"


def test_binary_file(tmp_path: Path) -> None:
    for name in ("bin.txt", "bin.jsonl", "bin.csv"):
        path = tmp_path / name
        path.write_bytes(b"date 2023-06-19\nab\x00cd")
        problem = only_problem(path)
        assert problem.origin == str(path) and problem.message.startswith("binary file")


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    text = tmp_path / "latin1.txt"
    text.write_bytes("date 2023-06-19\nCaf\xe9 talks.".encode("latin-1"))
    assert only_problem(text).message == "invalid UTF-8 at byte 19 (line 2)"

    lines = tmp_path / "mixed.jsonl"
    good = b'{"id": "ok", "published": "2023-06-19", "text": "Fine."}\n'
    bad_start = b'{"id": "bad", "published": "2023-06-19", "text": "'
    lines.write_bytes(good + bad_start + b'\xff"}\n' + good)
    items = read_all(lines)
    assert [a.id for a in articles(items)] == ["ok", "ok"]
    (problem,) = problems(items)
    assert problem.line == 2
    assert problem.message == f"invalid UTF-8 at byte {len(good) + len(bad_start)} of the file"

    table = tmp_path / "mixed.csv"
    content = b'published,text\n2023-06-19,Fine.\n2023-06-19,"Bad\n\xff"\n2023-06-19,Ok.\n'
    table.write_bytes(content)
    items = read_all(table)
    assert [a.text for a in articles(items)] == ["Fine.", "Ok."]
    (problem,) = problems(items)
    bad_byte = content.index(b"\xff")
    assert (problem.line, problem.message) == (4, f"invalid UTF-8 at byte {bad_byte} of the file")


def test_impossible_and_unreadable_dates(tmp_path: Path) -> None:
    path = tmp_path / "feb.txt"
    path.write_text("date 2023-02-30\nText.")
    assert str(only_problem(path)) == f"{path}:1: impossible date '2023-02-30'"
    path.write_text("date yesterday\nText.")
    assert "unreadable date 'yesterday'" in only_problem(path).message
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"published": "2023-06-19T25:00", "text": "x"}\n')
    assert "unreadable date" in only_problem(feed).message


def test_malformed_jsonl_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "1", "published": "2023-06-19", "text": "One."}\n'
        '{"id": "2", "published": "2023-06-19", "text": \n'
        '["not", "an", "object"]\n'
        '{"id": "4", "published": "2023-06-19"}\n'
        '{"id": "5", "published": "2023-06-19", "text": "Five."}\n'
    )
    items = read_all(path)
    assert [a.id for a in articles(items)] == ["1", "5"]
    assert [(p.line, p.message.split(":")[0]) for p in problems(items)] == [
        (2, "malformed JSON"),
        (3, "malformed JSONL"),
        (4, "missing text field"),
    ]
    assert str(problems(items)[0]).startswith(f"{path}:2: malformed JSON")


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("date 2023-06-19\n" + "word " * 100)
    problem = only_problem(path, max_bytes=100)
    assert problem.message == f"file too large: {path.stat().st_size} bytes, over the cap of 100"
    assert isinstance(only_article(path, max_bytes=1000), Article)
    # JSONL and CSV stream: there the cap bounds each record, not the file
    feed = tmp_path / "feed.jsonl"
    small = '{"published": "2023-06-19", "text": "ok"}\n'
    feed.write_text(small + '{"published": "2023-06-19", "text": "' + "x" * 200 + '"}\n' + small)
    items = read_all(feed, max_bytes=100)
    assert len(articles(items)) == 2
    assert [(p.line, p.message.split(":")[0]) for p in problems(items)] == [(2, "line too long")]


def test_file_not_found_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nope.txt"
    assert str(only_problem(missing)) == f"{missing}: file not found"
    assert only_problem(tmp_path / "nope.csv").message == "file not found"

    locked = tmp_path / "locked.txt"
    locked.write_text("date 2023-06-19\nSecret.")

    def refuse(self: Path) -> bytes:  # root can read anything, so simulate the refusal
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert str(only_problem(locked)) == f"{locked}: cannot read: Permission denied"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-19", JUNE_19),
        (" 2023-06-19 ", JUNE_19),
        ("2023-06-19T08:00:00Z", JUNE_19),
        ("2023-06-19 08:00:00.123+02:00", JUNE_19),
        (dt.datetime(2023, 6, 19, 8), JUNE_19),
        (JUNE_19, JUNE_19),
    ],
)
def test_parse_published(value: object, expected: dt.date) -> None:
    assert sources.parse_published(value) == expected


@pytest.mark.parametrize("value", ["2023-02-30", "19/06/2023", "2023-06-19Tnoon", "", 20230619])
def test_parse_published_refuses(value: object) -> None:
    with pytest.raises(sources.InputError):
        sources.parse_published(value)
