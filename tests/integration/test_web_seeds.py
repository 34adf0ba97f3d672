"""The seeds in the web app: the story page shows every quotation, alignment and claim the store holds
for them, and each speaker's person page shows everything they said. Skips without ../shared."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "a1.txt").exists(), reason="../shared is not beside the project")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from newsfold.report.brief import add_brief
    from newsfold.store import open_store
    from newsfold.web.app import WebApp

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with open_store(db) as store:
        report = store.ingest([str(SEEDS / "a1.txt"), str(SEEDS / "a2.txt")], workers=1, enrich=add_brief)
        assert not report.failures
    return WebApp(lambda: open_store(db, readonly=True))


def get(app, path):
    out = {}
    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
                         "wsgi.errors": io.StringIO()}, lambda s, h: out.update(status=s)))
    assert out["status"].startswith("200"), (path, body[:200])
    return json.loads(body) if path.endswith(".json") else body.decode()


def test_story_page_shows_all_quotes_alignments_and_claims(app):
    from markupsafe import escape

    (story,) = get(app, "/.json")["stories"]
    data = get(app, f"/stories/{story['id']}.json")
    html = get(app, f"/stories/{story['id']}")
    assert len(data["quotes"]) >= 30 and data["alignments"] and data["claims"]
    for q in data["quotes"]:
        assert str(escape(q["text"])) in html
    # each alignment's two wordings stand in one entry of the quotations across outlets
    place = {(q["doc"], q["start"], q["end"]): f"/articles/{q['article']}#{q['anchor']}"
             for q in data["quotes"]}
    groups = [{v["href"] for v in u["versions"]} for u in data["utterances"]]
    for al in data["alignments"]:
        a, b = (place[(al[side]["doc"], al[side]["start"], al[side]["end"])] for side in "ab")
        assert any(a in g and b in g for g in groups), al
    assert html.count('<article class="utt">') == len(data["utterances"])
    for c in data["claims"]:
        assert str(escape(c["text"])) in html
    assert any(c["status"] == "corroborated" for c in data["claims"])


def test_person_pages_show_everything_they_said(app):
    (story,) = get(app, "/.json")["stories"]
    data = get(app, f"/stories/{story['id']}.json")
    putin = next(p for p in get(app, "/people.json")["people"] if p["name"].endswith("Putin"))
    person = get(app, f"/people/{putin['id']}.json")
    said = [q for q in data["quotes"] if q.get("person") == putin["id"]]
    assert len(person["quotes"]) == len(said) >= 5
    html = get(app, f"/people/{putin['id']}")
    # each statement is a wording of one entry, with a link to its place
    hrefs = {v["href"] for s in person["utterances"] for u in s["utterances"] for v in u["versions"]}
    assert {f"/articles/{q['article']}#{q['anchor']}" for q in said} <= hrefs
    for q in said:
        assert f"/articles/{q['article']}#{q['anchor']}" in html
