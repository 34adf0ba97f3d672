"""A story: its brief with citations, timeline, coverage matrix, quote alignments with diffs, claims,
people."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsfold.web.views import NotFound, Page


def _key(ref: dict[str, Any]) -> tuple[str, int, int]:
    return (ref["doc"], int(ref["start"]), int(ref["end"]))


def _sides(diff: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The two wordings of an alignment as runs of words marked same / only-here / changed."""
    a, b = [], []
    for op in diff:
        kind = op.get("op")
        if kind == "equal":
            a.append({"text": op.get("a", ""), "mark": "same"})
            b.append({"text": op.get("b", ""), "mark": "same"})
        elif kind == "delete":
            a.append({"text": op.get("a", ""), "mark": "gone"})
        elif kind == "insert":
            b.append({"text": op.get("b", ""), "mark": "added"})
        else:
            a.append({"text": op.get("a", ""), "mark": "changed"})
            b.append({"text": op.get("b", ""), "mark": "changed"})
    return a, b


def view(store: Any, params: dict[str, str], story_id: str) -> Page:
    story = store.get_story(story_id)
    if story is None:
        raise NotFound(f"no story {story_id}")
    quotes = {_key(q): q for q in story["quotes"]}
    outlet_of = {a["doc"]: a.get("outlet") or a["doc"] for a in story["articles"]}
    aligned = []
    for al in story["alignments"]:
        qa, qb = quotes.get(_key(al["a"])), quotes.get(_key(al["b"]))
        a_words, b_words = _sides(al.get("diff") or [])
        aligned.append({
            "relation": al["relation"], "speaker": al.get("speaker"),
            "a": {"outlet": outlet_of.get(al["a"]["doc"], al["a"]["doc"]), "quote": qa, "words": a_words},
            "b": {"outlet": outlet_of.get(al["b"]["doc"], al["b"]["doc"]), "quote": qb, "words": b_words},
        })
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in story["quotes"]:
        by_article[q["doc"]].append(q)
    extra = {"aligned": aligned, "quotes_by_doc": dict(by_article), "outlet_of": outlet_of}
    return Page("story.html", story, title=story.get("title") or story_id, extra=extra)
