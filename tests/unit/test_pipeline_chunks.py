"""How `pipeline` cuts the input into chunks for worker processes."""

from newsfold.models import Article
from newsfold.pipeline import _chunks


def _articles(sizes):
    return [Article(doc=f"a{i}.txt", text="x" * n) for i, n in enumerate(sizes)]


def test_chunks_by_count_keep_every_article_in_order():
    arts = _articles([10] * 7)
    chunks = list(_chunks(arts, 3))
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert [a for c in chunks for a in c] == arts


def test_chunks_by_characters_close_at_the_limit():
    arts = _articles([40, 70, 10, 10, 100, 5])
    chunks = list(_chunks(arts, 16, max_chars=100))
    assert [[a.doc for a in c] for c in chunks] == [
        ["a0.txt", "a1.txt"], ["a2.txt", "a3.txt", "a4.txt"], ["a5.txt"]]
    assert [len(c) for c in _chunks(arts, 2, max_chars=10_000)] == [2, 2, 2]
