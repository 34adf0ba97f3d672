"""The web app over a real store (SQLite, and PostgreSQL when NEWSFOLD_TEST_PG is set), called as WSGI.

Every page answers, its JSON twin carries the same data, unknown addresses are 404s with a JSON body
on the twin, writes are refused, and hostile text comes back escaped.
"""

from __future__ import annotations

import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from markupsafe import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import web_fixtures as wf  # noqa: E402

from newsfold.store import open_store  # noqa: E402
from newsfold.web.app import WebApp  # noqa: E402
from newsfold.web.openapi import spec  # noqa: E402


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(request, tmp_path_factory):
    if request.param == "sqlite":
        url = wf.sqlite_path(tmp_path_factory.mktemp("web"))
        cleanup = None
    else:
        made = wf.pg_url()
        if made is None:
            pytest.skip("NEWSFOLD_TEST_PG is not set (see .ci/postgres.sh)")
        cleanup, url = made
    wf.build_store(url)
    yield WebApp(lambda: open_store(url, readonly=True))
    if cleanup:
        wf.drop_pg(cleanup)


def call(app, path, method="GET"):
    path, _, query = path.partition("?")
    out = {}

    def start(status, headers):
        out["status"], out["headers"] = int(status.split()[0]), dict(headers)

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "wsgi.errors": io.StringIO(), "wsgi.input": io.BytesIO()}
    body = b"".join(app(environ, start))
    return out["status"], out["headers"], body


def get_json(app, path):
    status, headers, body = call(app, path)
    assert status == 200, body[:300]
    assert headers["Content-Type"] == "application/json"
    return json.loads(body)


def test_front_page_lists_the_story_with_outlets_and_counts(app):
    data = get_json(app, "/.json")
    ferry = [s for s in data["stories"] if "Orsk" in (s["title"] or "")]
    assert ferry, data
    s = ferry[0]
    assert {"The Ledger", "Courier"} <= set(s["outlets"])
    assert s["articles"] >= 2 and s["quotes"] >= 4
    status, headers, body = call(app, "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert s["title"].encode() in body


def test_story_page_and_twin_show_quotes_alignments_and_claims(app):
    sid = next(s["id"] for s in get_json(app, "/.json")["stories"] if "Orsk" in (s["title"] or ""))
    story = get_json(app, f"/stories/{sid}.json")
    texts = {q["text"] for q in story["quotes"]}
    assert any("Nobody works for free" in t for t in texts)
    assert story["alignments"], "the same words in two outlets should be aligned"
    assert {a["relation"] for a in story["alignments"]} <= {"identical", "excerpt", "altered", "variant"}
    status, _, body = call(app, f"/stories/{sid}")
    html = body.decode()
    assert status == 200
    for section in ('id="brief"', 'id="timeline"', 'id="coverage"', 'id="alignments"', 'id="claims"',
                    'id="people"'):
        assert section in html
    for q in story["quotes"]:
        assert str(escape(q["text"])) in html, q["text"]


def test_person_page_gathers_what_they_said(app):
    people = get_json(app, "/people.json")["people"]
    varga = next(p for p in people if p["name"].endswith("Varga"))
    person = get_json(app, f"/people/{varga['id']}.json")
    assert len(person["quotes"]) >= 2
    assert {"The Ledger", "Courier"} <= set(person["outlets"])
    status, _, body = call(app, f"/people/{varga['id']}")
    assert status == 200 and b"Nobody works for free" in body


def test_search_finds_quotes_and_articles(app):
    found = get_json(app, "/search.json?q=free+works")
    assert any("Nobody works for free" in q["text"] for q in found["quotes"])
    found = get_json(app, "/search.json?q=ferry")
    assert found["articles"]
    status, _, body = call(app, "/search?q=ferry")
    assert status == 200 and b"Ferry strike" in body


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "a:b", "(", "ferry'; DROP TABLE articles;--",
                                   "\x00"])
def test_search_takes_any_input(app, query):
    from urllib.parse import quote

    status, _, _ = call(app, f"/search.json?q={quote(query)}")
    assert status == 200


def test_article_page_marks_quotes(app):
    story = get_json(app, "/.json")["stories"][0]
    sid = story["id"]
    art = get_json(app, f"/stories/{sid}.json")["articles"][0]
    data = get_json(app, f"/articles/{art['id']}.json")
    assert data["text"] and data["quotes"] is not None
    status, _, body = call(app, f"/articles/{art['id']}")
    assert status == 200 and b"<mark" in body


@pytest.mark.parametrize("path", ["/stories/nope", "/stories/nope.json", "/people/nope.json", "/articles/x",
                                  "/nothing", "/static/../../etc/passwd", "/stories/" + "a" * 300])
def test_unknown_addresses_are_404(app, path):
    status, headers, body = call(app, path)
    assert status == 404
    if path.endswith(".json"):
        assert json.loads(body)["status"] == 404


def test_bad_parameters_are_400(app):
    status, _, body = call(app, "/.json?page=two")
    assert status == 400 and json.loads(body)["status"] == 400


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_read_only(app, method):
    status, headers, _ = call(app, "/", method)
    assert status == 405 and headers["Allow"] == "GET, HEAD"


def test_every_page_sends_a_content_security_policy(app):
    for path in ("/", "/.json", "/people", "/search?q=x", "/nothing"):
        _, headers, _ = call(app, path)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_hostile_text_is_escaped_everywhere(app):
    pages = ["/", "/people", "/search?q=council"]
    sid = next(s["id"] for s in get_json(app, "/.json")["stories"] if "Council" in (s["title"] or "")
               or any("Outlet" in o for o in s["outlets"]))
    story = get_json(app, f"/stories/{sid}.json")
    pages += [f"/stories/{sid}"] + [f"/articles/{a['id']}" for a in story["articles"]]
    pages += [f"/people/{p['person']}" for p in story["people"] if p.get("person")]
    for path in pages:
        status, _, body = call(app, path)
        assert status == 200, path
        html = body.decode()
        assert "<script>" not in html and "<img src=x" not in html, path
        assert "javascript:" not in html.replace("javascript:window.__xss=3</span>", ""), path
    assert "&lt;script&gt;" in call(app, f"/stories/{sid}")[2].decode()


def test_openapi_describes_every_twin(app):
    doc = get_json(app, "/openapi.json")
    assert doc == spec() and doc["openapi"].startswith("3.")
    sid = get_json(app, "/.json")["stories"][0]["id"]
    person = get_json(app, "/people.json")["people"][0]["id"]
    article = get_json(app, f"/stories/{sid}.json")["articles"][0]["id"]
    outlet = get_json(app, "/outlets.json")["outlets"][0]["id"]
    filled = {"/stories/{id}.json": sid, "/people/{id}.json": person, "/articles/{id}.json": article,
              "/outlets/{id}.json": outlet}
    for path, item in doc["paths"].items():
        data = get_json(app, path.replace("{id}", filled.get(path, "")))
        schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        for key in schema.get("required", []):
            assert key in data, (path, key)


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path, capsys):
    from newsfold.cli import main

    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert main(["serve", "--db", str(junk), "--port", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "junk.db" in err[0]


# --- the workbench: outlets, people over time, quotations' places, paging, filters, parity -------------

def ferry_id(app):
    return next(s["id"] for s in get_json(app, "/.json")["stories"] if "Orsk ferries" in (s["title"] or "")
                or "Ferry strike" in (s["title"] or ""))


def outlet_of(app, name):
    return next(o for o in get_json(app, "/outlets.json")["outlets"] if o["name"] == name)


def test_outlet_page_compares_its_wording_with_the_others(app):
    ledger = outlet_of(app, "The Ledger")
    assert ledger["articles"] == 2 and ledger["stories"] == 2
    data = get_json(app, f"/outlets/{ledger['id']}.json")
    assert data["name"] == "The Ledger" and len(data["stories"]) == 2
    assert {a["doc"] for s in data["stories"] for a in s["articles"]} == {"ledger-ferry.txt",
                                                                           "ledger-harbour.txt"}
    assert data["wordings"], "the Ledger shares quotations with the Courier"
    rank = [w["relation"] for w in data["wordings"]]
    assert rank == sorted(rank, key=lambda r: ["altered", "variant", "excerpt", "identical"].index(r)
                          if r in ("altered", "variant", "excerpt", "identical") else 9)
    for w in data["wordings"]:
        outlets = {v["outlet"] for v in w["utterance"]["versions"]}
        assert "The Ledger" in outlets and len(outlets) >= 2
        hrefs = [v["href"] for v in w["utterance"]["versions"]]
        assert all(h.startswith("/articles/") and "#q-" in h for h in hrefs)
    assert data["left_out"] or data["only_here"]
    status, _, body = call(app, f"/outlets/{ledger['id']}")
    html = body.decode()
    assert status == 200 and 'id="wordings"' in html and "version mine" in html
    # the outlet is linked wherever it is named
    story_html = call(app, f"/stories/{ferry_id(app)}")[2].decode()
    assert f'href="/outlets/{ledger["id"]}"' in story_html
    assert call(app, "/outlets/nobody")[0] == 404


def test_left_out_lists_what_the_other_outlet_carried(app):
    courier = outlet_of(app, "Courier")
    data = get_json(app, f"/outlets/{courier['id']}.json")
    ledger_only = [q for s in data["left_out"] for q in s["quotes"]] + [c for s in data["left_out"]
                                                                        for c in s["claims"]]
    assert all("The Ledger" in x["carriers"] for x in ledger_only)


def test_every_quotation_links_to_its_marked_place(app):
    sid = ferry_id(app)
    story = get_json(app, f"/stories/{sid}.json")
    html = call(app, f"/stories/{sid}")[2].decode()
    hrefs = set(re.findall(r'href="(/articles/[^"#]+#[^"]+)"', html))
    assert len(hrefs) >= len(story["quotes"]) - 1  # every quotation of the story (the table and the versions)
    for href in hrefs:
        path, anchor = href.split("#")
        page = call(app, path)[2].decode()
        assert f'id="{anchor}"' in page, href
    q = next(q for q in story["quotes"] if "Nobody works for free" in q["text"] and q["cue"])
    page = call(app, f"/articles/{q['article']}")[2].decode()
    assert f'<span class="place" id="{q["anchor"]}">' in page, "the quotation's place is one element"
    inner = page.split(f'<span class="place" id="{q["anchor"]}">', 1)[1]
    inner = inner.split('<span class="place"', 1)[0].split("</div>", 1)[0]  # up to the next place
    assert 'class="who"' in inner and '<mark class="q' in inner and 'class="cue"' in inner
    assert escape(q["cue"]["text"]) in inner


def test_people_page_through_sort_and_filter(app):
    everyone = get_json(app, "/people.json")
    assert everyone["total"] == len(everyone["people"]) >= 4 and everyone["pages"] == 1
    first = get_json(app, "/people.json?per=2")
    assert first["pages"] == -(-everyone["total"] // 2) and len(first["people"]) == 2
    second = get_json(app, "/people.json?per=2&page=2")
    assert {p["id"] for p in first["people"]}.isdisjoint(p["id"] for p in second["people"])
    html = call(app, "/people?per=2&page=2")[2].decode()
    assert 'rel="next"' in html and 'rel="prev"' in html and "page 2 of" in html
    assert "per=2" in re.search(r'rel="next" href="([^"]+)"', html).group(1)
    names = [p["name"] for p in get_json(app, "/people.json?sort=name")["people"]]
    assert names == sorted(names, key=str.casefold)
    outlets = [p["outlets"] for p in get_json(app, "/people.json?sort=outlets")["people"]]
    assert outlets == sorted(outlets, reverse=True)
    orgs = get_json(app, "/people.json?kind=organisations")
    assert orgs["people"] and all(p["kind"] in ("org", "group") for p in orgs["people"])
    assert any(p["name"] == "Harbour Authority" for p in orgs["people"])
    people = get_json(app, "/people.json?kind=people")["people"]
    assert people and all(p["kind"] == "person" for p in people)
    assert call(app, "/people.json?sort=loudest")[0] == 400 and call(app, "/people.json?kind=x")[0] == 400


def test_stories_filter_by_outlet_person_and_dates_and_sort(app):
    courier = outlet_of(app, "Courier")
    only = get_json(app, f"/.json?outlet={courier['id']}")
    assert only["total"] == 1 and all("Courier" in s["outlets"] for s in only["stories"])
    assert only["filters"]["outlet"]["name"] == "Courier"
    varga = next(p for p in get_json(app, "/people.json")["people"] if p["name"].endswith("Varga"))
    his = get_json(app, f"/.json?person={varga['id']}")
    assert [s["id"] for s in his["stories"]] == [ferry_id(app)]
    later = get_json(app, "/.json?from=2026-03-03")
    assert ferry_id(app) not in {s["id"] for s in later["stories"]} and later["total"] >= 1
    assert get_json(app, "/.json?from=2026-03-01&to=2026-03-02")["total"] == 1
    assert get_json(app, "/.json?to=2025")["total"] == 0
    assert [s["id"] for s in get_json(app, "/.json?per=1&page=2")["stories"]] == \
        [s["id"] for s in get_json(app, "/.json")["stories"]][1:2]
    titles = [s["title"] for s in get_json(app, "/.json?sort=title")["stories"]]
    assert titles == sorted(titles, key=lambda t: (t or "").casefold())
    for bad in ("/.json?from=yesterday", "/.json?outlet=nowhere", "/.json?person=nobody", "/.json?sort=x"):
        assert call(app, bad)[0] == 400, bad
    html = call(app, f"/?outlet={courier['id']}")[2].decode()
    assert "(any outlet)" in html and f'value="{courier["id"]}" selected' in html


def test_search_scoped_to_a_story_or_an_outlet(app):
    courier = outlet_of(app, "Courier")
    everywhere = get_json(app, "/search.json?q=crews")
    assert {q["outlet"] for q in everywhere["quotes"]} | {a["outlet"] for a in everywhere["articles"]} >= \
        {"Courier", "The Ledger"}
    scoped = get_json(app, f"/search.json?q=crews&outlet={courier['id']}")
    assert scoped["articles"] and all(a["outlet"] == "Courier" for a in scoped["articles"] + scoped["quotes"])
    assert scoped["scope"]["outlet"]["name"] == "Courier"
    sid = ferry_id(app)
    in_story = get_json(app, f"/search.json?q=orsk&story={sid}")
    assert in_story["articles"] and all(a["story"] == sid for a in in_story["articles"])
    assert not get_json(app, f"/search.json?q=dredging&story={sid}")["articles"]
    assert get_json(app, "/search.json?q=dredging")["articles"]
    assert call(app, "/search.json?q=x&story=nope")[0] == 400
    assert call(app, "/search.json?q=x&outlet=nope")[0] == 400
    html = call(app, f"/stories/{sid}")[2].decode()
    assert f'name="story" value="{sid}"' in html  # the story page searches itself


def test_person_page_draws_statements_over_time_and_gathers_each_utterance_once(app):
    varga = next(p for p in get_json(app, "/people.json")["people"] if p["name"].endswith("Varga"))
    data = get_json(app, f"/people/{varga['id']}.json")
    bins = data["over_time"]["bins"]
    assert data["over_time"]["unit"] == "day"
    assert sum(b["total"] for b in bins) + data["over_time"]["undated"] == len(data["quotes"])
    assert {o for b in bins for o in b["outlets"]} == {"The Ledger", "Courier"}
    entries = [u for s in data["utterances"] for u in s["utterances"]]
    free = [u for u in entries if any("Nobody works for free" in v["text"] for v in u["versions"])]
    assert len(free) == 1, "one entry for the utterance both outlets carried"
    assert {v["outlet"] for v in free[0]["versions"]} == {"The Ledger", "Courier"}
    assert {v["relation"] for v in free[0]["versions"]} <= {"reference", "identical", "excerpt", "altered",
                                                             "variant"}
    html = call(app, f"/people/{varga['id']}")[2].decode()
    svg = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('<rect class="bar"') == sum(len(b["outlets"]) for b in bins)
    assert "<script" not in svg and "<title>" in svg
    assert html.count("Nobody works for free") == 2  # once in each outlet's wording, within one entry


def test_story_page_renders_the_reports_own_parts(app):
    """The brief, timeline, coverage and quotations across outlets read as report.html reads them: the
    same macros over the same view; the app adds only links, and each wording's date and place."""
    from newsfold.report.html import render_report

    sid = ferry_id(app)
    model = open_store_for(app).story_model(sid)[0]
    report = render_report(model)
    page = call(app, f"/stories/{sid}")[2].decode()

    def text_of(html, section):
        part = html.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
        added = r' · <span class="nw">[^<]*</span>|<div class="how"><a class="place"[^>]*>[^<]*</a></div>'
        part = re.sub(added, "", part)
        part = part.split("</p>", 1)[1] if "lede" in part.split("</p>", 1)[0] or "muted" in \
            part.split("</p>", 1)[0] else part  # the section's intro line differs in class only
        return " ".join(re.sub(r"<[^>]+>", " ", part).split())

    for ours, theirs in (("brief", "brief"), ("timeline", "timeline"), ("coverage", "coverage"),
                         ("alignments", "quotes")):
        assert text_of(page, ours) == text_of(report, theirs), ours
    assert 'class="utt"' in page and 'class="matrix"' in page and "ol class=\"brief\"" in page


def open_store_for(app):
    return app.store()


def test_story_version_follows_new_articles(tmp_path):
    """A page keeps a story's views while its version holds: a new article in the story changes it."""
    db = str(tmp_path / "v.db")
    first, second = wf.articles()[:2]  # the two outlets' ferry reports: one story
    with open_store(db) as store:
        store.ingest_articles([first], workers=1)
        sid = store.list_stories()[0]["id"]
        before = store.story_version(sid)
        assert before == store.story_version(sid) == store.story_model(sid)[2]
        store.ingest_articles([second], workers=1)
        assert [s["articles"] for s in store.list_stories()] == [2], "the second report joins the story"
        sid = store.list_stories()[0]["id"]
        assert store.story_version(sid) != before
        assert store.story_version("nope") is None


def test_every_page_is_reachable_from_the_front_page_and_keeps_the_policy(app):
    """Follow every link and every GET form from /: each kind of page is reached, answers 200, carries
    no script and no inline style (the CSP would block it), and every #anchor names an element there."""
    seen, queue, ids, fragments, kinds = {"/"}, ["/"], {}, [], set()
    while queue:
        path = queue.pop(0)
        status, headers, body = call(app, path)
        assert status == 200, path
        where = path.split("?")[0]
        kinds.add(re.sub(r"^(/\w+/)[^/]+?(\.json)?$", r"\1ID\2", where) + ("?" if "?" in path else ""))
        if not headers["Content-Type"].startswith("text/html"):
            continue
        html = body.decode()
        assert "<script" not in html and ' style="' not in html, path
        parser = _Links()
        parser.feed(html)
        ids[path] = parser.ids
        for href in parser.hrefs + parser.forms:
            if not href.startswith("/") or href.startswith("//"):
                continue
            target, _, fragment = href.partition("#")
            target = target.replace("&amp;", "&")
            if fragment:
                fragments.append((target, fragment))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for target, fragment in fragments:
        assert fragment in ids.get(target, set()), (target, fragment)
    for kind in ("/outlets", "/outlets/ID", "/people/ID", "/stories/ID", "/articles/ID", "/people?", "/?",
                 "/search?", "/outlets/ID.json", "/people/ID.json"):
        assert kind in kinds, (kind, sorted(kinds))
    assert any("page=2" in p for p in seen if p.startswith("/people?")) or \
        get_json(app, "/people.json")["pages"] == 1


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.forms: list[str] = []
        self.ids: set[str] = set()
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "form":
            self._form = {"action": a.get("action") or "/", "fields": {}}
        if tag in ("input", "select") and self._form is not None and a.get("name"):
            self._form["fields"][a["name"]] = a.get("value") or ("ferry" if a.get("type") == "search" else "")

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form["action"] + "?" + urlencode(self._form["fields"]))
            self._form = None
