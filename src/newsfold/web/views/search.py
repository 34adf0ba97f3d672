"""Search over quotations and articles: every word of the query, in any order; within one story or one
outlet when the query says so (`story=ID`, `outlet=ID`)."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import BadRequest, Page, int_param

MAX_QUERY = 200


def view(store: Any, params: dict[str, str]) -> Page:
    query = (params.get("q") or "").strip()
    if len(query) > MAX_QUERY:
        raise BadRequest(f"the query is longer than {MAX_QUERY} characters")
    limit = int_param(params, "limit", 20, low=1, high=100)
    story, outlet = params.get("story") or None, params.get("outlet") or None
    scope: dict[str, Any] = {}
    if story is not None:
        heading = store.story_heading(story)
        if heading is None:
            raise BadRequest(f"no story {story}")
        scope["story"] = heading
    if outlet is not None:
        name = store.outlet_name(outlet)
        if name is None:
            raise BadRequest(f"no outlet {outlet}")
        scope["outlet"] = {"id": outlet, "name": name}
    if query:
        result = store.search(query, limit=limit, story=story, outlet=outlet)
    else:
        result = {"query": "", "story": story, "outlet": outlet, "quotes": [], "articles": []}
    return Page("search.html", {**result, "scope": scope}, title=f"Search: {query}" if query else "Search")
