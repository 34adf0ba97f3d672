"""Search over quotations and articles: every word of the query, in any order."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import BadRequest, Page, int_param

MAX_QUERY = 200


def view(store: Any, params: dict[str, str]) -> Page:
    query = (params.get("q") or "").strip()
    if len(query) > MAX_QUERY:
        raise BadRequest(f"the query is longer than {MAX_QUERY} characters")
    limit = int_param(params, "limit", 20, low=1, high=100)
    result = store.search(query, limit=limit) if query else {"query": "", "quotes": [], "articles": []}
    return Page("search.html", result, title=f"Search: {query}" if query else "Search")
