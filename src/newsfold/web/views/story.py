"""A story, as report.html shows it (the same view and the same macros: brief by status, timeline,
coverage matrix, quotations across outlets with word diffs), then its claims, its quotations article by
article, each linked to its place, and its people."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsfold.web.views import NotFound, Page, compact_utterance, story_views


def view(store: Any, params: dict[str, str], story_id: str) -> Page:
    views = story_views(store, story_id)
    if views is None or views["story"] is None:
        raise NotFound(f"no story {story_id}")
    story, rv = views["story"], views["rv"]
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in story["quotes"]:
        by_article[q["doc"]].append(q)
    data = {**story, "utterances": [compact_utterance(u) for u in rv["utterances"]]}
    return Page("story.html", data, title=story.get("title") or story_id,
                extra={"rv": rv, "quotes_by_doc": dict(by_article)})
