"""The dashboard in a real browser: Debian's Chromium driven headless by Playwright.

A uvicorn server runs in a background thread on 127.0.0.1 and a free port over the
small store of test_web.py. Skips cleanly without Playwright or /usr/bin/chromium
(``apt-get install chromium``; Playwright's own browser download is not used).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from test_web import CONFLICT_BURST, EVIL_ID, WEEKS, build_store  # noqa: E402

from parley import web  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser-store")
    build_store(path)
    port = _free_port()
    config = uvicorn.Config(web.create_app(path), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
            )
        except sync_api.Error as exc:  # pragma: no cover - a broken browser install
            pytest.skip(f"chromium does not start: {exc}")
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A fresh page that records script errors, CSP violations and dialogs (alert())."""
    context = browser.new_context(base_url=base_url)  # type: ignore[attr-defined]
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    opened.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                        dialog.dismiss()))  # fmt: skip
    opened.problems = problems  # type: ignore[attr-defined]
    yield opened
    context.close()
    assert problems == [], problems


def chart_points(page: object, chart_id: str) -> dict[str, int]:
    """Points per trace of a rendered Plotly chart, read from the live graph div."""
    page.wait_for_selector(f"#{chart_id}[data-ready='1']", timeout=15_000)  # type: ignore[attr-defined]
    return page.evaluate(  # type: ignore[attr-defined]
        "id => Object.fromEntries(document.getElementById(id).data.map(t => [t.name, t.x.length]))",
        chart_id,
    )


def click_point(page: object, chart_id: str, trace: int, index: int) -> None:
    """Click one marker of a scatter trace (or one bar) where Plotly drew it."""
    selector = f"#{chart_id} .scatterlayer .trace:nth-of-type({trace + 1}) .points path"
    points = page.locator(selector)  # type: ignore[attr-defined]
    box = points.nth(index).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]


def test_overview_chart_links_to_a_relationship(page: object) -> None:
    page.goto("/")  # type: ignore[attr-defined]
    points = chart_points(page, "pairs-chart")
    assert points == {"Cooperation": 3, "Conflict": 3}  # CHN-USA, RUS-USA, RUS-UKR
    assert page.locator("#alerts .alert").count() >= 1  # type: ignore[attr-defined]
    bars = page.locator("#pairs-chart .barlayer .trace:nth-of-type(1) .point path")  # type: ignore[attr-defined]
    box = bars.first.bounding_box()
    assert box is not None
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
    assert "/relationships/CHN/USA" in page.url  # type: ignore[attr-defined]


def test_relationship_point_to_events_to_evidence(page: object) -> None:
    page.goto("/relationships/USA/CHN")  # type: ignore[attr-defined]
    points = chart_points(page, "trend-chart")
    assert points == {"Cooperation": WEEKS, "Conflict": WEEKS, "Alert": 1}
    with page.expect_navigation():  # type: ignore[attr-defined]
        click_point(page, "trend-chart", trace=1, index=WEEKS - 1)  # the conflict burst
    assert "/events?" in page.url and "quad=conflict" in page.url  # type: ignore[attr-defined]
    rows = page.locator("table.events tbody tr")  # type: ignore[attr-defined]
    assert rows.count() == CONFLICT_BURST
    with page.expect_navigation():  # type: ignore[attr-defined]
        rows.first.locator("a.evidence-link").click()
    # The burst's six accusations are one happening: every mention is listed, the
    # clicked one first, each with its own evidence highlighted.
    mentions = page.locator("section.mention")  # type: ignore[attr-defined]
    assert mentions.count() == CONFLICT_BURST
    evidence = mentions.first.locator("mark[data-evidence]")
    assert evidence.first.is_visible()
    assert "".join(evidence.all_inner_texts()) == "Qin Gang accused Antony Blinken of meddling."
    for n in range(CONFLICT_BURST):
        pieces = mentions.nth(n).locator("mark[data-evidence]").all_inner_texts()
        assert "".join(pieces) == "Qin Gang accused Antony Blinken of meddling."


def test_actor_page(page: object) -> None:
    page.goto("/actors/Qin%20Gang")  # type: ignore[attr-defined]
    points = chart_points(page, "actor-chart")
    assert points["Cooperation"] == points["Conflict"] >= 4  # months March to June
    assert page.locator("#counterparts tbody tr").first.inner_text().startswith("Antony Blinken")  # type: ignore[attr-defined]
    assert page.locator("#quotes blockquote").count() == WEEKS  # type: ignore[attr-defined]


def test_untrusted_article_stays_text(page: object) -> None:
    page.goto(f"/events/{quote(EVIL_ID, safe='')}/0")  # type: ignore[attr-defined]
    text = page.locator(".article-text").inner_text()  # type: ignore[attr-defined]
    assert '<script>alert("pwned")</script>' in text and "</script><script>alert(2)" in text
    assert page.locator(".article-text script, .article-text b").count() == 0  # type: ignore[attr-defined]
    page.goto("/search?q=evil")  # type: ignore[attr-defined]
    assert "alert(3)" in page.locator("#quote-results").inner_text()  # type: ignore[attr-defined]
    # the fixture's page() asserts no dialog opened and no script error or CSP violation
