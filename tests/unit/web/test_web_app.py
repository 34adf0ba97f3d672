"""The web app over a real store (SQLite, and PostgreSQL when NEWSFOLD_TEST_PG is set), called as WSGI.

Every page answers, its JSON twin carries the same data, unknown addresses are 404s with a JSON body
on the twin, writes are refused, and hostile text comes back escaped.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

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
    for section in ('id="brief"', 'id="coverage"', 'id="alignments"', 'id="claims"', 'id="people"'):
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
    filled = {"/stories/{id}.json": sid, "/people/{id}.json": person, "/articles/{id}.json": article}
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
