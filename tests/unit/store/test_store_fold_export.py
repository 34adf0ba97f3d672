"""Folded stories in the store (alignments, claims, people), the export's stable order, and the read API."""

from __future__ import annotations

import json

import pytest
from conftest import PG, data_articles, drop_pg_schema, fake_extract, pg_schema_url

from newsfold.models import Alignment, Claim, ClaimMention, DiffOp, Ref, Story
from newsfold.store import open_store


def hand_fold(sid, extractions, mentions, **kw):
    """A story fold built by hand: the first quotation of each pair of articles aligned, one claim per story
    from the first sentence of each article, and the story-wide people of the fold's format."""
    exs = sorted(extractions, key=lambda e: e.article.doc)
    alignments = []
    for x, y in zip(exs, exs[1:], strict=False):
        if x.quotes and y.quotes:
            qa, qb = x.quotes[0], y.quotes[0]
            alignments.append(Alignment(Ref(qa.doc, qa.start, qa.end, x.article.outlet),
                                        Ref(qb.doc, qb.start, qb.end, y.article.outlet),
                                        "identical" if qa.text == qb.text else "variant",
                                        [DiffOp("equal", qa.text, qb.text)], speaker=qa.speaker, score=0.9))
    cms = [ClaimMention(e.article.doc, 0, 20, e.article.text[:20], "event", e.article.outlet) for e in exs]
    status = "corroborated" if len(cms) > 1 else "single-source"
    claims = [Claim(f"{sid}-c1", status, cms[0].text, "event", cms)]
    people = []
    for e in exs:
        for p in e.people:
            people.append({"id": p.name.lower().replace(" ", "-"), "name": p.name, "kind": "person",
                           "members": [{"doc": e.article.doc, "id": p.id}]})
    coverage = {"outlets": sorted({e.article.outlet for e in exs})}
    return Story(sid, [e.article for e in exs], [q for e in exs for q in e.quotes], alignments, claims,
                 people, coverage=coverage, title=f"Story of {sid}")


def _ingest(store, articles, fold=hand_fold):
    return store.ingest_articles(articles, extract=fake_extract, fold=fold, progress=False)


def test_fold_writes_alignments_and_claims_and_refolds_when_articles_join(db_url):
    arts = {a.doc: a for a in data_articles()}
    with open_store(db_url) as store:
        r = _ingest(store, [arts["crane-ledger.txt"], arts["crane-courier.txt"]])
        assert r.folded == 1
        sid = store.db.one("SELECT story FROM articles")["story"]
        story = store.get_story(sid)
        assert story["folded"] and story["title"] == f"Story of {sid}"
        assert len(story["alignments"]) == 1 and len(story["claims"]) == 1
        assert story["alignments"][0]["type"] == "alignment" and story["alignments"][0]["story"] == sid
        assert story["claims"][0]["status"] == "corroborated"
        r = _ingest(store, [arts["crane-wire.txt"]])
        assert r.folded == 1 and r.clustered == 1
        story = store.get_story(sid)
        assert len(story["alignments"]) == 2  # replaced whole, not appended to
        assert len(story["claims"]) == 1 and len(story["claims"][0]["mentions"]) == 3
        assert [a["doc"] for a in story["articles"]] == sorted(a["doc"] for a in story["articles"])


def test_a_fold_that_fails_leaves_the_story_dirty_for_the_next_run(db_url):
    arts = data_articles()[:2]

    def broken(*a, **k):
        raise RuntimeError("fold crashed")

    with open_store(db_url) as store:
        with pytest.raises(RuntimeError):
            _ingest(store, arts, fold=broken)
        assert store.db.one("SELECT count(*) AS n FROM stories WHERE dirty = 1")["n"] == 1
        assert store.db.one("SELECT count(*) AS n FROM articles WHERE story IS NOT NULL")["n"] == 2
        r = _ingest(store, arts)
        assert r.added == 0 and r.folded == 1
        assert store.db.one("SELECT count(*) AS n FROM stories WHERE dirty = 1")["n"] == 0


def _export(url, articles, tmp_path, name, batches=1, fold=hand_fold):
    with open_store(url) as store:
        size = -(-len(articles) // batches)
        for i in range(0, len(articles), size):
            _ingest(store, articles[i : i + size], fold=fold)
        out = tmp_path / name
        store.export(out)
    return out.read_bytes()


def test_export_is_stable_whatever_the_input_order(db_url, tmp_path):
    arts = data_articles()
    first = _export(db_url, arts, tmp_path, "a.jsonl")
    second_url = str(tmp_path / "b.db")
    second = _export(second_url, list(reversed(arts)), tmp_path, "b.jsonl")
    assert first == second
    records = [json.loads(line) for line in first.decode().splitlines()]
    types = [r["type"] for r in records]
    assert {"story", "article", "quote", "alignment", "claim"} <= set(types)
    assert types.count("story") == 3 and types.count("article") == 8
    # each story's records follow it; stories in id order
    stories = [r["id"] for r in records if r["type"] == "story"]
    assert stories == sorted(stories)
    q = next(r for r in records if r["type"] == "quote")
    assert list(q) == ["type", "doc", "start", "end", "text", "kind", "speaker", "speaker_id",
                       "speaker_mention", "cue", "via", "via_mention", "sentence", "fragments", "confidence"]


@pytest.mark.skipif(not PG, reason="NEWSFOLD_TEST_PG is not set")
def test_sqlite_and_postgresql_export_the_same_bytes(tmp_path):
    arts = data_articles()
    lite = _export(str(tmp_path / "s.db"), arts, tmp_path, "s.jsonl")
    name, url = pg_schema_url(PG)
    try:
        pg = _export(url, list(reversed(arts)), tmp_path, "p.jsonl")
    finally:
        drop_pg_schema(PG, name)
    assert lite == pg


def test_read_api(db_url):
    arts = data_articles()
    with open_store(db_url) as store:
        _ingest(store, arts)
        stories = store.list_stories()
        assert len(stories) == 3 == store.count_stories()
        assert [s["last_date"] for s in stories] == ["2025-05-15", "2025-04-07", "2025-03-11"]
        crane = stories[-1]
        assert crane["articles"] == 4 and crane["outlets"] == sorted(
            ["The Velda Ledger", "Harbour Courier", "Velda Wire", "Coastal Daily"])
        assert crane["quotes"] > 0 and crane["alignments"] == 3 and crane["claims"] == 1
        assert store.list_stories(limit=1, offset=1)[0]["id"] == stories[1]["id"]
        assert store.get_story("nope") is None

        story = store.get_story(crane["id"])
        assert {q["doc"] for q in story["quotes"]} <= {a["doc"] for a in story["articles"]}
        linked = [p for p in story["people"] if p["person"]]
        assert linked and all(store.get_person(p["person"])["name"] == p["name"] for p in linked)
        copy = next(a for a in story["articles"] if a["doc"] == "crane-wire-copy.txt")
        assert copy["copy_of"] == "crane-wire.txt"

        # a person across stories: Pavel Rusu speaks in the crane story only, in several outlets
        people = store.list_people()
        rusu = next(p for p in people if p["name"] == "Pavel Rusu")
        person = store.get_person(rusu["id"])
        assert person["name"] == "Pavel Rusu" and len(person["quotes"]) == rusu["quotes"] >= 3
        assert {"Harbour Courier", "The Velda Ledger"} <= set(person["outlets"])
        assert all(q["story"] == crane["id"] and q["outlet"] for q in person["quotes"])
        assert store.get_person("nobody") is None


def test_search_finds_quotes_and_articles_and_takes_any_input(db_url):
    with open_store(db_url) as store:
        _ingest(store, data_articles())
        found = store.search("planned weeks")
        assert found["quotes"] and all("planned for weeks" in q["text"] for q in found["quotes"])
        assert {a["doc"] for a in found["articles"]} == {"museum-courier.txt", "museum-gazette.txt"}
        assert all("planned" in a["snippet"].lower() for a in found["articles"])
        by_speaker = store.search("Castell")
        assert by_speaker["quotes"] and all(q["speaker"] == "Ruben Castell" for q in by_speaker["quotes"])
        for hostile in ['"', "AND OR NOT", "*", "'; DROP TABLE quotes; --", "NEAR(", "", "a:b", "%_"]:
            result = store.search(hostile)
            assert isinstance(result["quotes"], list)
        assert store.db.one("SELECT count(*) AS n FROM quotes")["n"] > 0


def test_read_only_store_reads(tmp_path):
    url = str(tmp_path / "r.db")
    with open_store(url) as store:
        _ingest(store, data_articles()[:2])
    with open_store(url, readonly=True) as ro:
        assert ro.count_stories() == 1
        with pytest.raises(Exception):  # noqa: B017 - sqlite3.OperationalError: readonly database
            ro.db.execute("DELETE FROM quotes")
    with pytest.raises(FileNotFoundError):
        open_store(str(tmp_path / "missing.db"), readonly=True)
