"""The dashboard and JSON API over a small hand-made store (no model needed).

The store holds 16 weeks of USA-China events (cooperation every week, a burst of
conflict in the last week, which must raise an alert), a Russia-Ukraine pair with a
month-precision event, and one article full of HTML and <script> that must stay text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi", reason="fastapi is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from parley import analysis, web  # noqa: E402
from parley.records import Actor, Article, Event, Extraction, Quote  # noqa: E402
from parley.store import Store, StoreError  # noqa: E402

WEEK0 = dt.date(2023, 3, 6)  # a Monday: week 2023-W10
WEEKS = 16
CONFLICT_BURST = 6  # ACCUSE events in the last week
EVIL_ID = "wire/evil 1"  # a slash and a space: ids must survive URLs
EVIL_SCRIPT = '<script>alert("pwned")</script>'
EVIL_NAME = "<i>Evil</i> Name"


def coop_count(week: int) -> int:
    return 1 if week % 2 == 0 else 2


def _actor(actor_id: str, name: str, country: str, text: str, kind: str = "person") -> Actor:
    mentions = tuple((m.start(), m.end()) for m in re.finditer(re.escape(name), text))
    return Actor(actor_id, name, country, "GOV", None, mentions, kind)


def _event(
    type_: str,
    actor: str,
    recipient: str,
    date: str,
    text: str,
    sentence: str,
    quad: int,
    precision: str = "day",
) -> Event:
    start = text.index(sentence)
    return Event(
        type=type_,
        mode=None,
        contexts=(),
        status="occurred",
        actor=(actor,),
        recipient=(recipient,),
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        date_source="text",
        location=None,
        cameo=None,
        quad_class=quad,
        goldstein=3.0 if quad <= 2 else -4.0,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        why="hand-made",
    )


def _us_china_week(week: int) -> Extraction:
    day = WEEK0 + dt.timedelta(weeks=week, days=1)
    meet = f"Antony Blinken met Qin Gang in week {week}."
    accuse = "Qin Gang accused Antony Blinken of meddling."
    sentences = [meet] * coop_count(week)
    if week == WEEKS - 1:
        sentences = [meet] + [accuse] * CONFLICT_BURST
    text = " ".join(sentences) + " Both sides said little else."
    actors = (
        _actor("a1", "Antony Blinken", "USA", text),
        _actor("a2", "Qin Gang", "CHN", text),
    )
    events = []
    position = 0
    for sentence in sentences:
        start = text.index(sentence, position)
        position = start + len(sentence)
        if sentence == accuse:
            event = _event("ACCUSE", "a2", "a1", day.isoformat(), text, sentence, 3)
        else:
            event = _event("CONSULT", "a1", "a2", day.isoformat(), text, sentence, 1)
        events.append(event.__class__(**{**event.__dict__, "start": start, "end": position}))
    quote_text = f"talks in week {week} were frank"
    quotes = (
        Quote(quote_text, text.find("Both"), len(text), True, "a2", "Qin Gang", "said", None),
    )
    article = Article(f"uscn-{week:02d}", day, text, title=f"Talks, week {week}", source="wire")
    return Extraction(article=article, actors=actors, events=tuple(events), quotes=quotes)


def _russia_ukraine() -> Extraction:
    text = "Russia struck Kyiv on Monday. Russia has shelled Ukraine since May."
    actors = (
        _actor("r", "Russia", "RUS", text, "country"),
        _actor("u", "Ukraine", "UKR", text, "country"),
    )
    events = (
        _event("ASSAULT", "r", "u", "2023-05-08", text, "Russia struck Kyiv on Monday.", 4),
        _event(
            "ASSAULT", "r", "u", "2023-05", text, "Russia has shelled Ukraine since May.", 4,
            precision="month",
        ),
    )  # fmt: skip
    article = Article("rua-1", dt.date(2023, 5, 9), text, title="Strikes", source="agency")
    return Extraction(article=article, actors=actors, events=events)


def _evil_article() -> Extraction:
    sentence = f"The US sanctioned {EVIL_NAME} {EVIL_SCRIPT} today."
    text = f"<b>Breaking</b> {sentence} </script><script>alert(2)</script> End."
    actors = (
        _actor("e1", "United States", "USA", text, "country"),
        _actor("e2", EVIL_NAME, "RUS", text),
    )
    events = (_event("SANCTION", "e1", "e2", "2023-06-01", text, sentence, 4),)
    quote = Quote("</script><script>alert(3)</script>", 0, 5, True, "e2", EVIL_NAME, "said", None)
    article = Article(
        EVIL_ID,
        dt.date(2023, 6, 1),
        text,
        title="<img src=x onerror=alert(4)>",
        url="javascript:alert(5)",
        source="<b>outlet</b>",
    )
    return Extraction(article=article, actors=actors, events=events, quotes=(quote,))


def build_store(path: Path) -> Store:
    """The small store every web test reads (also used by test_browser.py)."""
    store = Store(path)
    extractions = [_us_china_week(week) for week in range(WEEKS)]
    store.ingest([*extractions, _russia_ukraine(), _evil_article()], batch_size=7)
    return store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-store")
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(web.create_app(store_path)) as test_client:
        yield test_client


def expect_422(client: TestClient, url: str, mentions: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, (url, response.text)
    if url.startswith("/api"):
        assert mentions in response.json()["detail"], response.json()
    else:  # a page: the message is shown in it
        assert mentions in response.text and "text/html" in response.headers["content-type"]


# --------------------------------------------------------------------------- API


def test_events_filters(client: TestClient) -> None:
    us_cn = client.get("/api/events", params={"pair": "USA,CHN", "undirected": True, "limit": 500})
    assert us_cn.status_code == 200
    expected = sum(coop_count(w) for w in range(WEEKS - 1)) + 1 + CONFLICT_BURST
    assert len(us_cn.json()) == expected
    directed = client.get("/api/events", params={"pair": "CHN,USA", "limit": 500}).json()
    assert len(directed) == CONFLICT_BURST and {e["type"] for e in directed} == {"ACCUSE"}
    typed = client.get("/api/events", params={"type": "consult", "limit": 2}).json()
    assert len(typed) == 2 and typed[0]["date"] == (WEEK0 + dt.timedelta(days=1)).isoformat()
    may = client.get(
        "/api/events", params={"pair": "RUS,UKR", "since": "2023-05-10", "until": "2023-05-20"}
    ).json()
    assert [e["date"] for e in may] == ["2023-05"]  # overlap: the month-precision event
    within = client.get(
        "/api/events", params={"since": "2023-05-01", "until": "2023-05-31", "within": True}
    ).json()
    assert "2023-05" in [e["date"] for e in within]
    by_actor = client.get("/api/events", params={"actor": "qin", "quad": "conflict"}).json()
    assert len(by_actor) == CONFLICT_BURST
    paged = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert len(paged) == 3


def test_bad_parameters_are_4xx_with_a_message(client: TestClient) -> None:
    expect_422(client, "/api/events?pair=US,CHN", "pair")
    expect_422(client, "/api/events?pair=USA", "pair")
    expect_422(client, "/api/events?since=2023-02-30", "since")
    expect_422(client, "/api/events?since=2023-06-01&until=2023-01-01", "after until")
    expect_422(client, "/api/events?type=BOMB", "PLOVER type")
    expect_422(client, "/api/events?limit=0", "limit")
    expect_422(client, f"/api/events?limit={web.MAX_LIMIT + 1}", "limit")
    expect_422(client, "/api/events?quad=7", "quad")
    expect_422(client, "/api/quotes?country=12", "country")
    expect_422(client, "/api/trend?pair=USA,CHN&by=year", "by")
    expect_422(client, "/api/alerts?measure=nonsense", "measure")
    expect_422(client, "/api/search?q=x", "q")
    expect_422(client, "/relationships/US/CHN", "US&#39; is not a three-letter country code")
    expect_422(client, "/events?since=yesterday", "since")


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in (
        "/api/events/nope/0",
        "/api/events/uscn-00/99",
        "/api/articles/nope",
        "/api/actors/Nobody%20At%20All",
        "/events/nope/0",
        "/actors/Nobody",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
    assert "nope" in client.get("/api/articles/nope").json()["detail"]
    assert client.get("/api/events/uscn-00/notanumber").status_code == 422


def test_api_is_read_only(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405


def test_one_event_and_article_with_awkward_id(client: TestClient) -> None:
    from urllib.parse import quote

    event = client.get(f"/api/events/{quote(EVIL_ID, safe='')}/0")
    assert event.status_code == 200 and event.json()["type"] == "SANCTION"
    article = client.get(f"/api/articles/{quote(EVIL_ID, safe='')}").json()
    assert EVIL_SCRIPT in article["text"]  # JSON carries the text as data, unchanged
    listed = client.get("/api/articles", params={"source": "agency"}).json()
    assert [a["id"] for a in listed] == ["rua-1"]


def test_quotes_and_actors(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "qin gang", "limit": 100}).json()
    assert len(quotes) == WEEKS
    assert client.get("/api/quotes", params={"country": "rus"}).json()[0]["speaker_name"] == (
        EVIL_NAME
    )
    actors = client.get("/api/actors", params={"country": "CHN"}).json()
    assert [a["name"] for a in actors] == ["Qin Gang"] and actors[0]["articles"] == WEEKS
    qin = client.get("/api/actors/qin%20gang").json()
    assert qin["name"] == "Qin Gang"
    partner = qin["counterparts"][0]
    assert partner["name"] == "Antony Blinken"
    assert partner["conflict"] == CONFLICT_BURST
    assert partner["events"] == sum(coop_count(w) for w in range(WEEKS - 1)) + 1 + CONFLICT_BURST


def test_trend_matches_the_analysis_reference(client: TestClient, store_path: Path) -> None:
    weekly = client.get("/api/trend", params={"pair": "USA,CHN"}).json()
    assert len(weekly) == WEEKS and weekly[0]["period"] == "2023-W10"
    assert [w["conflict"] for w in weekly] == [0] * (WEEKS - 1) + [CONFLICT_BURST]
    store = Store(store_path)
    rows = store.events().to_pylist()
    for by in ("day", "week", "month"):
        for pair in (("USA", "CHN"), ("CHN", "USA"), ("RUS", "UKR")):
            for directed in (False, True):
                expected = analysis.trend(rows, by=by, pair=pair, directed=directed)
                got = store.trend(*pair, by=by, directed=directed)
                assert got == expected, (by, pair, directed)
    assert store.trend("RUS", "UKR", by="month")[0]["events"] == 2  # the month event counts
    assert store.trend("RUS", "UKR", by="week")[0]["events"] == 1  # ...but in no week
    both = store.pair_trends([("USA", "CHN"), ("UKR", "RUS"), ("FRA", "DEU")], by="week")
    assert both[("USA", "CHN")] == store.trend("USA", "CHN", by="week")
    assert both[("UKR", "RUS")] == store.trend("RUS", "UKR", by="week")
    assert both[("FRA", "DEU")] == []


def test_alerts_find_the_conflict_burst(client: TestClient) -> None:
    alerts = client.get("/api/alerts", params={"pair": "USA,CHN"}).json()
    last_week = analysis.period_label(WEEK0 + dt.timedelta(weeks=WEEKS - 1), "week")
    assert [(a["period"], a["direction"]) for a in alerts] == [(last_week, "up")]
    open_alerts = client.get("/api/alerts", params={"open_only": True}).json()
    assert any(a["period"] == last_week and {a["a"], a["b"]} == {"USA", "CHN"} for a in open_alerts)
    calm = client.get("/api/alerts", params={"pair": "USA,CHN", "measure": "quad1"}).json()
    assert calm == []


def test_relationships_and_search(client: TestClient) -> None:
    pairs = client.get("/api/relationships").json()
    assert (pairs[0]["a"], pairs[0]["b"]) == ("CHN", "USA")
    assert pairs[0]["conflict"] == CONFLICT_BURST
    found = client.get("/api/search", params={"q": "qin"}).json()
    assert {a["name"] for a in found["actors"]} == {"Qin Gang"}
    assert found["events"] and found["quotes"]
    assert client.get("/api/search", params={"q": "shelled"}).json()["events"][0]["date"] == (
        "2023-05"
    )


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/events",
        "/api/quotes",
        "/api/actors",
        "/api/trend",
        "/api/alerts",
        "/api/articles",
        "/api/relationships",
        "/api/search",
    ):
        assert list(paths[path]) == ["get"], path
        for parameter in paths[path]["get"].get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
    assert not any(path.startswith("/events") for path in paths)  # pages are not API


# --------------------------------------------------------------------------- pages


def test_pages_render(client: TestClient) -> None:
    from urllib.parse import quote

    for url in (
        "/",
        "/relationships/USA/CHN",
        "/relationships/usa/chn?by=month&directed=true",
        "/actors/Qin%20Gang",
        f"/actors/{quote(EVIL_NAME, safe='')}",
        "/events?pair=USA,CHN&undirected=1&quad=conflict",
        f"/events/{quote(EVIL_ID, safe='')}/0",
        "/events/uscn-03/1",
        "/search?q=qin",
        "/search",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        assert "text/html" in response.headers["content-type"]
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_untrusted_text_stays_text(client: TestClient) -> None:
    from urllib.parse import quote

    pages = [
        client.get(f"/events/{quote(EVIL_ID, safe='')}/0").text,
        client.get("/").text,
        client.get(f"/actors/{quote(EVIL_NAME, safe='')}").text,
        client.get("/search?q=evil").text,
    ]
    for html in pages:
        # The only script elements are ours: files from this server, or JSON data.
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert ('src="/' in attributes and not body) or "application/json" in attributes
        assert "<script>alert" not in html and "<i>Evil</i>" not in html
        assert "<img src=x" not in html and 'href="javascript:' not in html
        # JSON blocks never hold a raw "</" that could close the script element early.
        for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
            assert "</" not in block and "<" not in block
            json.loads(block)
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in pages[0]
    assert "&lt;i&gt;Evil&lt;/i&gt; Name" in pages[2]


def test_event_page_highlights_the_evidence_at_its_offsets(client: TestClient) -> None:
    page = client.get("/events/uscn-03/1").text
    # Both meetings of that article are one happening: the page shows the asked one first.
    assert "2 mentions" in page
    html = page.split('<section class="mention"')[1]
    marked = re.findall(r'<mark class="([^"]*evidence[^"]*)" data-evidence="1">(.*?)</mark>', html)
    assert "".join(text for _, text in marked) == "Antony Blinken met Qin Gang in week 3."
    # the second meeting in that article, not the first: offsets, not a text search
    article = client.get("/api/articles/uscn-03").json()["text"]
    before = re.sub(r"<[^>]+>", "", html.split('data-evidence="1"')[0])
    assert before.count("Antony Blinken met Qin Gang") == 2  # sentence quote + first meeting
    assert article.count("Antony Blinken met Qin Gang in week 3.") == 2
    assert '<mark class="actor evidence" data-evidence="1">Antony Blinken</mark>' in html


def test_event_page_lists_every_mention_of_the_happening(tmp_path: Path) -> None:
    """A happening reported by three articles: three evidences, each highlighted at its
    offsets in its own article, and each article's markup still text."""
    sentence = "Antony Blinken met Qin Gang in Beijing."
    extractions = []
    for n, (filler, published) in enumerate(
        [("Talks resumed.", 18), (f"{EVIL_SCRIPT} Aides briefed.", 19), ("Both smiled.", 20)]
    ):
        text = f"{filler} {sentence} {sentence.replace('Beijing', 'public')} End {n}."
        actors = (
            _actor("a1", "Antony Blinken", "USA", text),
            _actor("a2", "Qin Gang", "CHN", text),
        )
        event = _event("CONSULT", "a1", "a2", "2023-06-18", text, sentence, 1)
        article = Article(
            f"meet-{n}", dt.date(2023, 6, published), text, title=f"Meeting {n}", source=f"s{n}"
        )
        extractions.append(Extraction(article=article, actors=actors, events=(event,)))
    store = Store(tmp_path)
    store.ingest(extractions[:1])
    store.ingest(extractions[1:])  # later batches join the stored happening
    happening = store.event("meet-2", 0)["happening_id"]
    assert [m["article_id"] for m in store.mentions([happening])] == ["meet-0", "meet-1", "meet-2"]
    with TestClient(web.create_app(tmp_path)) as fresh:
        html = fresh.get("/events/meet-1/0").text
    assert "3 mentions" in html
    sections = html.split('<section class="mention"')[1:]
    assert [re.search(r'data-article="([^"]+)"', s).group(1) for s in sections] == [  # type: ignore[union-attr]
        "meet-1", "meet-0", "meet-2"
    ]  # fmt: skip
    shown = [extractions[1], extractions[0], extractions[2]]
    for section, extraction in zip(sections, shown, strict=True):
        text = extraction.article.text
        evidence = r'<mark class="[^"]*evidence[^"]*" data-evidence="1">(.*?)</mark>'
        marked = re.findall(evidence, section)
        assert "".join(re.sub(r"<[^>]+>", "", m) for m in marked) == sentence
        # highlighted at the event's offsets: everything before it is the text before them
        body = section.split('class="article-text">')[1]
        before = re.sub(r"<[^>]+>", "", body.split('data-evidence="1"')[0].rsplit("<mark", 1)[0])
        assert (
            before.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
            == (text[: extraction.events[0].start])
        )
    assert "<script>alert" not in html and html.count("&lt;script&gt;alert(") == 1
    # a huge happening is cut to a page, and the count still says how many there are
    shown, total = web._happening_rows(web.Reader(store), store.event("meet-2", 0), limit=2)
    assert [m["article_id"] for m in shown] == ["meet-2", "meet-0"] and total == 3


def test_chart_points_link_to_the_events_behind_them(client: TestClient) -> None:
    html = client.get("/relationships/USA/CHN").text
    block = re.search(r'<script type="application/json" id="trend-chart-data">(.*?)</script>', html)
    assert block is not None
    chart = json.loads(block.group(1))
    conflict = next(t for t in chart["traces"] if t["name"] == "Conflict")
    assert len(conflict["x"]) == WEEKS and conflict["y"][-1] == CONFLICT_BURST
    behind = client.get(conflict["links"][-1].replace("/events", "/api/events", 1)).json()
    assert len(behind) == CONFLICT_BURST
    cooperation = next(t for t in chart["traces"] if t["name"] == "Cooperation")
    for count, link in zip(cooperation["y"], cooperation["links"], strict=True):
        assert len(client.get(link.replace("/events", "/api/events", 1)).json()) == count
    assert len(chart["alerts"]) == 1


def test_plotly_is_served_locally(client: TestClient) -> None:
    response = client.get("/plotly.min.js")
    assert response.status_code == 200 and len(response.content) > 1_000_000
    assert "javascript" in response.headers["content-type"]
    html = client.get("/relationships/USA/CHN").text
    assert '<script src="/plotly.min.js"></script>' in html and "cdn" not in html.lower()
    assert client.get("/static/parley.js").status_code == 200


def test_new_batches_show_up_while_serving(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.ingest([_us_china_week(0)])
    with TestClient(web.create_app(tmp_path)) as fresh:
        assert len(fresh.get("/api/events").json()) == coop_count(0)
        store.ingest([_us_china_week(1)])  # an ingest commits while the app is up
        assert len(fresh.get("/api/events").json()) == coop_count(0) + coop_count(1)


def test_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        web.create_app(tmp_path / "absent")


def test_highlight_cuts_overlapping_spans() -> None:
    pieces = web.highlight("abcdefgh", [(1, 5, "evidence"), (3, 7, "actor"), (20, 30, "x")])
    assert pieces == [
        ("a", ""),
        ("bc", "evidence"),
        ("de", "actor evidence"),
        ("fg", "actor"),
        ("h", ""),
    ]
    assert web.safe_url("javascript:alert(1)") is None
    assert web.safe_url("https://example.org/a") == "https://example.org/a"


def test_ingest_tables_bulk_load(tmp_path: Path) -> None:
    import pyarrow as pa

    source = Store(tmp_path / "a")
    build_store(source.path)
    target = Store(tmp_path / "b")
    tables = {name: source.sql(f"SELECT * FROM {name}") for name in ("articles", "events")}
    report = target.ingest_tables(tables)
    assert report.articles_new == WEEKS + 2 and report.events == source.count_events()
    again = target.ingest_tables(tables)  # already stored: skipped, not doubled
    assert again.articles_new == 0 and target.count_events() == source.count_events()
    with pytest.raises(StoreError, match="unknown tables"):
        target.ingest_tables({"nonsense": pa.table({"x": [1]})})
