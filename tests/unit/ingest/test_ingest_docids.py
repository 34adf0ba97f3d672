"""Doc ids unique within a run, renamed by the store's rule."""

from __future__ import annotations

from newsfold.ingest.docids import UniqueDocs, renamed_doc
from newsfold.models import Article
from newsfold.store.codec import article_id


def test_a_taken_doc_is_renamed_as_the_store_renames_it() -> None:
    a = Article("d1", "The river rose two metres.", outlet="Daily A")
    b = Article("d1", "Fire chief Tom Berg spoke on Friday.", outlet="Courier B", source="feed.jsonl:2")
    # the store keeps a second article under a taken name as `<doc>@<its article id's hash, 8 digits>`
    assert renamed_doc(b) == f"d1@{article_id(b)[1:9]}"
    docs = UniqueDocs()
    assert docs.admit(a) == (a, None)
    renamed, warning = docs.admit(b)
    assert renamed.doc == renamed_doc(b) and renamed.text == b.text and renamed.outlet == "Courier B"
    assert b.doc == "d1"  # the article read is not changed under its reader
    assert warning == f"feed.jsonl:2: the doc id 'd1' is taken by an earlier article: read as '{renamed.doc}'"


def test_the_same_article_twice_more_gets_numbered_names() -> None:
    docs = UniqueDocs()
    a = Article("d1", "Same text.", outlet="A")
    names = [docs.admit(Article("d1", "Same text.", outlet="A"))[0].doc for _ in range(3)]
    assert names == ["d1", renamed_doc(a), renamed_doc(a) + ".2"]
    # a doc that happens to be spelled like a renamed one is renamed in its turn
    assert docs.admit(Article(renamed_doc(a), "Other.", outlet="A"))[0].doc != renamed_doc(a)
