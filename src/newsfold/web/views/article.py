"""An article: its metadata and text with every quotation marked where it stands, with its speaker's
mention and its cue, each quotation's place addressable as `/articles/ID#<anchor>`."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import NotFound, Page

NEAR = 400  # characters around a quotation within which its speaker's mention and cue are marked with it


def _parts(q: dict[str, Any], n: int) -> list[tuple[int, int, str]]:
    """A quotation's marked pieces (its quoted fragments, its speaker's mention, its cue) within the text."""
    s, e = int(q["start"]), int(q["end"])
    parts = [(int(a), int(b), "q") for a, b in (q.get("fragments") or [[s, e]])]
    for key, kind in (("speaker_mention", "who"), ("cue", "cue")):
        span = q.get(key)
        if span and s - NEAR <= int(span["start"]) and int(span["end"]) <= e + NEAR:
            parts.append((int(span["start"]), int(span["end"]), kind))
    return sorted((a, b, k) for a, b, k in parts if 0 <= a < b <= n)


def _runs(text: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut into plain runs and places: a place spans one quotation with its mention and cue (or
    several, where they overlap), and holds its pieces in order, the first piece of each quotation carrying
    that quotation's anchor. Overlapping pieces keep the first (a mention shared by two quotations)."""
    places: list[dict[str, Any]] = []
    for q in sorted(quotes, key=lambda q: (int(q["start"]), -int(q["end"]))):
        parts = _parts(q, len(text))
        if not parts:
            continue
        lo, hi = min(a for a, _, _ in parts), max(b for _, b, _ in parts)
        if places and lo < places[-1]["end"]:
            place = places[-1]
            place["start"], place["end"] = min(place["start"], lo), max(place["end"], hi)
        else:
            place = {"start": lo, "end": hi, "anchor": q["anchor"], "pieces": []}
            places.append(place)
        place["pieces"].extend((a, b, k, q) for a, b, k in parts)
    runs, pos = [], 0
    for place in places:
        start = max(place["start"], pos)  # a merged place never reaches back into the one before
        if start > pos:
            runs.append({"text": text[pos:start]})
        pieces, at, anchored = [], start, {place["anchor"]}
        for a, b, kind, q in sorted(place["pieces"], key=lambda p: (p[0], -p[1])):
            if a < at:
                continue
            if a > at:
                pieces.append({"text": text[at:a]})
            anchor = None
            if kind == "q" and q["anchor"] not in anchored:
                anchor = q["anchor"]
                anchored.add(anchor)
            pieces.append({"text": text[a:b], "kind": kind, "quote": q, "anchor": anchor})
            at = b
        if at < place["end"]:
            pieces.append({"text": text[at : place["end"]]})
        runs.append({"place": place["anchor"], "pieces": pieces})
        pos = place["end"]
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
