"""End to end in a real browser: Debian's chromium, headless, driven by Playwright.

From the story list to a story to a person and to search, with screenshots kept in
`$NEWSFOLD_SCREENSHOTS` (default: the test's temporary folder) for people to look at; and every
script payload in the hostile article stays inert text.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import web_fixtures as wf  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
playwright_api = pytest.importorskip("playwright.sync_api")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from newsfold.web.server import build_server

    db = wf.sqlite_path(tmp_path_factory.mktemp("browser"))
    wf.build_store(db)
    srv = build_server(db, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get("NEWSFOLD_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_story_list_to_story_to_person(server, page, shots):
    page.goto(server + "/")
    assert page.title().startswith("Stories")
    page.screenshot(path=str(shots / "1-stories.png"), full_page=True)
    page.get_by_role("link", name="Ferry strike halts crossings to Orsk island").or_(
        page.get_by_role("link", name="Orsk ferries stop as crews strike")).first.click()
    page.wait_for_selector("#alignments")
    assert page.locator(".alignment").count() >= 1
    assert page.locator("#coverage table.matrix").count() == 1
    assert page.locator("text=Nobody works for free").count() >= 1
    page.screenshot(path=str(shots / "2-story.png"), full_page=True)
    page.locator("a.speaker", has_text="Varga").first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text().endswith("Varga")
    assert page.locator("text=Nobody works for free").count() >= 2  # carried by both outlets
    page.screenshot(path=str(shots / "3-person.png"), full_page=True)
    assert not page.dialogs


def test_search_from_the_header(server, page, shots):
    page.goto(server + "/people")
    page.get_by_label("Search").fill("crews")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=crews")
    assert page.locator(".said li").count() >= 1
    page.screenshot(path=str(shots / "4-search.png"), full_page=True)


def test_json_twin_in_the_browser(server, page):
    response = page.goto(server + "/.json")
    assert response.headers["content-type"] == "application/json"
    assert "stories" in response.json()


def test_script_payloads_stay_inert(server, page, shots):
    stories = page.request.get(server + "/.json").json()["stories"]
    sid = next(s["id"] for s in stories if any(o.startswith("Outlet <script>") for o in s["outlets"]))
    page.goto(f"{server}/stories/{sid}")
    html_pages = [page.url, server + "/"]
    for link in page.locator("#quotes h3 a").all():
        html_pages.append(server + link.get_attribute("href"))
    for person in page.locator("#people a").all():
        html_pages.append(server + person.get_attribute("href"))
    html_pages.append(server + "/search?q=council")
    for url in html_pages:
        page.goto(url)
        assert page.evaluate("window.__xss") is None, url
        assert page.locator("script").count() == 0, url
        assert page.locator("img[src=x]").count() == 0, url
    page.goto(html_pages[0])
    assert page.locator("#quotes h3", has_text="Council <script>").count() == 1  # shown as text
    assert page.locator("a[href^='javascript:']").count() == 0
    page.screenshot(path=str(shots / "5-hostile.png"), full_page=True)
    assert not page.dialogs
