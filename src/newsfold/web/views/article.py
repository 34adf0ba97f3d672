"""An article: its metadata and text with every quotation marked where it stands."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import NotFound, Page


def _runs(text: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut into plain runs and quoted runs (non-overlapping, in order) for highlighting."""
    runs, pos = [], 0
    for q in sorted(quotes, key=lambda q: (q["start"], -q["end"])):
        s, e = int(q["start"]), int(q["end"])
        if s < pos or e > len(text) or s >= e:
            continue  # nested or out of range: the outer quotation is already marked
        if s > pos:
            runs.append({"text": text[pos:s]})
        runs.append({"text": text[s:e], "quote": q})
        pos = e
    if pos < len(text):
        runs.append({"text": text[pos:]})
    return runs


def view(store: Any, params: dict[str, str], article_id: str) -> Page:
    article = store.get_article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id}")
    runs = _runs(article.get("text") or "", article.get("quotes") or [])
    return Page("article.html", article, title=article.get("title") or article.get("doc") or article_id,
                extra={"runs": runs})
