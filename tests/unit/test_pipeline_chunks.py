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


def _dies_on_poison(chunk):
    """A chunk function whose worker process dies outright on one article, as an out-of-memory kill would."""
    import os

    if any(a.doc == "poison.txt" for a in chunk):
        os._exit(9)
    if any(a.doc == "raises.txt" for a in chunk):
        raise ValueError("no good")
    return [a.doc for a in chunk]


def test_a_dead_worker_costs_only_its_own_article_and_the_run_goes_on():
    from newsfold.errors import Failure
    from newsfold.pipeline import run_chunks

    docs = [f"a{i}.txt" for i in range(9)]
    docs[3], docs[6] = "poison.txt", "raises.txt"
    arts = [Article(doc=d, text="x" * 50) for d in docs]
    out = list(run_chunks(_dies_on_poison, arts, workers=2, chunk_size=2))
    assert [r.source if isinstance(r, Failure) else r for r in out] == docs
    codes = {r.source: r.error.code for r in out if isinstance(r, Failure)}
    assert codes == {"poison.txt": "NF203", "raises.txt": "NF201"}
