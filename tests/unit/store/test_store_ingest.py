"""Ingest into the store: idempotent by content hash, incremental stories, one transaction a unit of work."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import data_articles, fake_extract, fake_extraction

from newsfold.models import Article
from newsfold.store import SchemaError, open_store
from newsfold.store.codec import article_id
from newsfold.store.writer import add_article, fill_metadata


def _ingest(store, articles, **kw):
    return store.ingest_articles(articles, extract=fake_extract, progress=False, **kw)


def _counts(store) -> dict[str, int]:
    return {t: store.db.one(f"SELECT count(*) AS n FROM {t}")["n"]
            for t in ("articles", "quotes", "speakers", "people", "stories", "article_terms",
                      "article_bands")}


def test_schema_is_created_once_and_checked(db_url):
    with open_store(db_url) as store:
        assert store.count_stories() == 0
    with open_store(db_url) as store:  # a second open finds the schema and keeps it
        store.db.execute("UPDATE store_meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(SchemaError):
        open_store(db_url)


def test_reingest_changes_nothing(db_url):
    arts = data_articles()
    with open_store(db_url) as store:
        first = _ingest(store, arts)
        assert first.added == len(arts) == 8 and first.known == 0
        counts = _counts(store)
        records = store.records()
        for _ in range(3):
            again = _ingest(store, arts)
            assert again.added == 0 and again.known == len(arts) and again.clustered == 0
            assert _counts(store) == counts
            assert store.records() == records


def test_same_text_under_another_name_is_the_same_article(db_url):
    a = data_articles()[0]
    moved = replace(a, doc="elsewhere/" + a.doc, source="elsewhere")
    with open_store(db_url) as store:
        _ingest(store, [a])
        report = _ingest(store, [moved])
        assert report.added == 0 and report.known == 1
        assert [r["doc"] for r in store.db.query("SELECT doc FROM articles")] == [a.doc]


def test_other_outlet_same_text_is_another_article(db_url):
    a = data_articles()[0]
    syndicated = replace(a, doc="copy.txt", outlet="Another Outlet")
    with open_store(db_url) as store:
        report = _ingest(store, [a, syndicated])
        assert report.added == 2
        rows = store.db.query("SELECT doc, story, copy_of FROM articles")
        assert len({r["story"] for r in rows}) == 1
        copy = next(r for r in rows if r["doc"] == "copy.txt")
        original = next(r for r in rows if r["doc"] == a.doc)
        assert copy["copy_of"] or original["copy_of"]


def test_a_changed_text_under_a_known_name_keeps_both(db_url):
    a = data_articles()[0]
    edited = replace(a, text=a.text.replace("Monday", "Tuesday"))
    with open_store(db_url) as store:
        _ingest(store, [a])
        _ingest(store, [edited])
        docs = sorted(r["doc"] for r in store.db.query("SELECT doc FROM articles"))
        assert docs[0] == a.doc and docs[1].startswith(a.doc + "@") and len(docs) == 2
        # every quotation record names its own article's doc
        for r in store.db.query("SELECT a.doc AS doc, q.record AS record FROM quotes q "
                                "JOIN articles a ON a.id = q.article"):
            assert json.loads(r["record"])["doc"] == r["doc"]


def test_new_articles_join_stored_stories_or_start_new_ones(db_url):
    arts = {a.doc: a for a in data_articles()}
    with open_store(db_url) as store:
        _ingest(store, [arts["crane-ledger.txt"], arts["crane-courier.txt"], arts["chess-ledger.txt"]])
        story_of = {r["doc"]: r["story"] for r in store.db.query("SELECT doc, story FROM articles")}
        assert story_of["crane-ledger.txt"] == story_of["crane-courier.txt"] != story_of["chess-ledger.txt"]
        later = [arts["crane-wire.txt"], arts["chess-gazette.txt"], arts["museum-courier.txt"]]
        report = _ingest(store, later)
        assert report.clustered == 3 and report.new_stories == 1
        after = {r["doc"]: r["story"] for r in store.db.query("SELECT doc, story FROM articles")}
        for doc, story in story_of.items():
            assert after[doc] == story  # grown, not reshuffled: each story keeps its id
        assert after["crane-wire.txt"] == story_of["crane-ledger.txt"]
        assert after["chess-gazette.txt"] == story_of["chess-ledger.txt"]
        assert after["museum-courier.txt"] not in story_of.values()
        _ingest(store, [arts["museum-gazette.txt"], arts["crane-wire-copy.txt"]])
        final = {r["doc"]: r for r in store.db.query("SELECT doc, story, copy_of FROM articles")}
        assert final["museum-gazette.txt"]["story"] == after["museum-courier.txt"]
        assert final["crane-wire-copy.txt"]["story"] == story_of["crane-ledger.txt"]
        wire = article_id(arts["crane-wire.txt"])
        assert final["crane-wire-copy.txt"]["copy_of"] == wire
        assert store.count_stories() == 3


def test_first_run_clusters_like_the_batch_clustering(db_url):
    from newsfold.align.stories import cluster_articles

    arts = data_articles()
    batch = cluster_articles(arts)
    groups = {frozenset(a.doc for a in batch if a.story == s) for s in {a.story for a in batch}}
    with open_store(db_url) as store:
        _ingest(store, list(reversed(arts)))
        rows = store.db.query("SELECT doc, story FROM articles")
        stored = {frozenset(r["doc"] for r in rows if r["story"] == s) for s in {r["story"] for r in rows}}
    assert stored == groups and len(groups) == 3


def test_a_failed_unit_of_work_leaves_nothing_behind(db_url):
    a = data_articles()[0]
    ex = fake_extraction(a)
    ex.quotes.append(replace(ex.quotes[0], start=None))  # a bad row in the middle of the article's unit
    with open_store(db_url) as store:
        with pytest.raises(Exception):  # noqa: B017 - whichever error the database raises
            add_article(store.db, ex, None)
        assert _counts(store)["articles"] == 0 and _counts(store)["quotes"] == 0
        assert add_article(store.db, fake_extraction(a), None) is not None
        assert _counts(store)["quotes"] == len(fake_extraction(a).quotes) > 0


def test_missing_metadata_is_filled_and_its_story_refolded(db_url):
    a = data_articles()[0]
    bare = replace(a, title=None, date=None)
    with open_store(db_url) as store:
        _ingest(store, [bare], fold=lambda sid, exs, mentions, **kw: _fold(sid, exs))
        assert store.db.one("SELECT title FROM articles")["title"] is None
        assert store.db.one("SELECT dirty FROM stories")["dirty"] == 0
        assert fill_metadata(store.db, a) is True
        assert store.db.one("SELECT dirty FROM stories")["dirty"] == 1
        assert fill_metadata(store.db, a) is False  # nothing left to fill
        row = store.db.one("SELECT title, date FROM articles")
        assert (row["title"], row["date"]) == (a.title, a.date)


def test_bad_articles_are_reported_and_the_rest_stored(db_url):
    from newsfold.errors import Failure, NewsfoldError

    arts = data_articles()[:3]
    bad = Failure("broken.txt", NewsfoldError("NF102", "broken.txt"))
    seen = []
    with open_store(db_url) as store:
        report = store.ingest([], read=lambda _p: [arts[0], bad, *arts[1:]], extract=fake_extract,
                              on_failure=seen.append, progress=False)
        assert report.added == 3 and report.failures == [bad] and seen == [bad]


def _fold(sid: str, extractions) -> object:
    from newsfold.models import Story

    return Story(sid, [e.article for e in extractions], [q for e in extractions for q in e.quotes],
                 title="folded")


def test_pending_articles_are_all_clustered_by_the_next_run(db_url):
    """A run killed after storing some articles (before clustering) leaves them waiting; the next run
    clusters them together with its own, exactly as one unbroken run does."""
    arts = data_articles()
    with open_store(db_url) as store:
        for a in arts[:5]:  # what a killed run had committed: articles without a story
            add_article(store.db, fake_extraction(a), None)
        assert store.db.one("SELECT count(*) AS n FROM articles WHERE story IS NULL")["n"] == 5
        _ingest(store, arts)
        interrupted = store.records()
    clean_url = db_url + "-clean" if "://" not in db_url else None
    if clean_url is None:
        return  # PostgreSQL: the export comparison runs in test_store_export
    with open_store(clean_url) as clean:
        _ingest(clean, arts)
        assert clean.records() == interrupted


def test_articles_keep_their_text_and_metadata(db_url):
    arts = data_articles()
    with open_store(db_url) as store:
        _ingest(store, arts)
        for a in arts:
            got = store.get_article(article_id(a))
            assert got["text"] == a.text and got["doc"] == a.doc and got["outlet"] == a.outlet
            assert tuple(got["body"]) == a.body and got["title"] == a.title
            assert store.get_article(a.doc)["id"] == article_id(a)


def test_ingest_reads_paths(db_url):
    from conftest import DATA

    with open_store(db_url) as store:
        report = store.ingest([str(DATA)], extract=fake_extract, progress=False)
        assert report.read == 8 and report.added == 8 and not report.failures


def test_article_ids_are_content_hashes():
    a = Article(doc="x.txt", text="Same words.", outlet="A")
    assert article_id(a) == article_id(replace(a, doc="y.txt", title="t"))
    assert article_id(a) != article_id(replace(a, outlet="B"))
    assert article_id(a) != article_id(replace(a, text="Other words."))


def test_a_second_reading_in_one_run_fills_metadata_as_a_resumed_run_would(db_url, tmp_path):
    a = data_articles()[0]
    bare = replace(a, title=None, date=None)
    later = replace(a, doc="again/" + a.doc)  # the same text, with its metadata
    with open_store(db_url) as store:
        report = _ingest(store, [bare, later])
        assert report.added == 1 and report.updated == 1
        one_run = store.records()
    with open_store(str(tmp_path / "resumed.db")) as resumed:
        add_article(resumed.db, fake_extraction(bare), None)  # what a killed run had stored
        _ingest(resumed, [bare, later])
        assert resumed.records() == one_run
    row = [r for r in one_run if r["type"] == "article"][0]
    assert (row["doc"], row["title"], row["date"]) == (a.doc, a.title, a.date)


def test_an_early_merge_is_undone_when_more_coverage_arrives(db_url):
    """Two undated articles alone share too little vocabulary to weigh words well, so a first run of two
    articles of different events merges them; the next run, with the rest of their coverage, parts them."""
    arts = {a.doc: replace(a, date=None) for a in data_articles()}
    first = [arts["crane-ledger.txt"], arts["chess-ledger.txt"]]
    with open_store(db_url) as store:
        _ingest(store, first, fold=lambda sid, exs, mentions, **kw: _fold(sid, exs))
        assert store.count_stories() == 1  # the merge this test is about
        merged = store.db.one("SELECT story FROM articles")["story"]
        report = _ingest(store, [a for a in arts.values() if a not in first],
                         fold=lambda sid, exs, mentions, **kw: _fold(sid, exs))
        assert report.moved == 1 and report.clustered == 6
        rows = store.db.query("SELECT doc, story FROM articles")
        groups = {frozenset(r["doc"] for r in rows if r["story"] == s) for s in {r["story"] for r in rows}}
        assert groups == {frozenset(d for d in arts if d.startswith(p)) for p in ("crane", "chess", "museum")}
        # the story kept its id for the event it mostly holds, and every story is folded and known
        assert merged in {r["story"] for r in rows}
        stories = {r["id"]: r["dirty"] for r in store.db.query("SELECT id, dirty FROM stories")}
        assert set(stories) == {r["story"] for r in rows} and not any(stories.values())
