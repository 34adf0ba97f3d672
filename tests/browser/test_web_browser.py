"""End to end in a real browser: Debian's chromium, headless, driven by Playwright.

From the story list to a story to a person and to search, to an outlet's page, a person's picture of
their statements over time, a quotation's place in its article (the link scrolls to it, marked), and
page by page through the people, with screenshots kept in `$NEWSFOLD_SCREENSHOTS` (default: the test's
temporary folder) for people to look at; and every script payload in the hostile article stays inert
text.
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
    assert page.locator("#alignments .utt").count() >= 1
    assert page.locator("#coverage > .scroll table.matrix").count() == 1  # and one folded away, if any
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


def _ferry(server, page):
    page.goto(server + "/")
    page.get_by_role("link", name="Ferry strike halts crossings to Orsk island").or_(
        page.get_by_role("link", name="Orsk ferries stop as crews strike")).first.click()
    page.wait_for_selector("#alignments")


def test_outlet_page_from_a_chip(server, page, shots):
    _ferry(server, page)
    page.locator("main > p.meta a.chip", has_text="The Ledger").click()
    page.wait_for_selector("#wordings")
    assert page.locator("h1").inner_text() == "The Ledger"
    assert page.locator("#articles a", has_text="Harbour dredging").count() == 1
    mine = page.locator("#wordings .version.mine")
    assert mine.count() >= 1 and mine.first.locator(".chip").inner_text() == "The Ledger"
    # its own wording stands out from the other outlet's
    other = page.locator("#wordings .version:not(.mine)").first
    assert mine.first.evaluate("e => getComputedStyle(e).backgroundColor") != \
        other.evaluate("e => getComputedStyle(e).backgroundColor")
    page.screenshot(path=str(shots / "6-outlet.png"), full_page=True)
    assert not page.dialogs


def test_a_persons_picture_over_time(server, page, shots):
    _ferry(server, page)
    page.locator("a.speaker", has_text="Varga").first.click()
    chart = page.locator("svg.chart")
    chart.wait_for()
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 60
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() >= 2
    fills = {bars.nth(i).get_attribute("fill") for i in range(bars.count())}
    assert len(fills) == 2  # two outlets carried him, in two colours
    assert all(bars.nth(i).bounding_box()["height"] > 0 for i in range(bars.count()))
    # the caption's chips wear the same colours as the bars
    chip = page.locator("figcaption a.chip").first
    dot = chip.evaluate("e => getComputedStyle(e, '::before').backgroundColor")
    assert dot != "rgb(119, 119, 119)"  # not the grey of an outlet without a tone
    chart.screenshot(path=str(shots / "7-person-picture.png"))
    page.screenshot(path=str(shots / "7-person.png"), full_page=True)


def test_a_quotation_link_scrolls_to_its_marked_place(browser, server, shots):
    context = browser.new_context(viewport={"width": 900, "height": 420})
    page = context.new_page()
    try:
        _ferry(server, page)
        link = page.locator("#quotes tr", has_text="Nobody works for free").locator("a.place").first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url("**/articles/**")
        anchor = href.split("#", 1)[1]
        page.wait_for_function("() => window.scrollY > 0")
        assert page.evaluate("() => (document.querySelector(':target') || {}).id") == anchor
        target = page.locator(f"[id='{anchor}']")
        box = target.bounding_box()
        assert box and 0 <= box["y"] < 420, box  # scrolled into view
        assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # marked as the one
        assert "Nobody works for free" in target.inner_text()
        assert target.locator(".who").count() == 1 and target.locator(".cue").count() == 1
        page.screenshot(path=str(shots / "8-place.png"))
    finally:
        context.close()


def test_paging_through_people(server, page, shots):
    total = page.request.get(server + "/people.json").json()["total"]
    page.goto(server + "/people?per=2")
    names, pages = [], 0
    while True:
        pages += 1
        names += page.locator(".people-table tbody a[href^='/people/']").all_inner_texts()
        assert page.locator(".pager span").inner_text() == f"page {pages} of {-(-total // 2)}"
        nxt = page.locator("a[rel=next]")
        if nxt.count() == 0:
            break
        nxt.click()
        page.wait_for_url(f"**page={pages + 1}**")
    assert len(names) == total == len(set(names)) and pages == -(-total // 2)
    page.locator("a[rel=prev]").click()
    page.wait_for_url(f"**page={pages - 1}**")
    page.get_by_role("link", name="organisations").click()
    assert "Harbour Authority" in page.locator(".people-table").inner_text()
    assert "Piet Varga" not in page.locator(".people-table").inner_text()
    page.screenshot(path=str(shots / "9-people.png"), full_page=True)
