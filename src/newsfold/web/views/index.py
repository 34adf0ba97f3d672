"""The front page: stories, newest first, with their outlets, dates and counts."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import Page, int_param

PER_PAGE = 50


def view(store: Any, params: dict[str, str]) -> Page:
    page = int_param(params, "page", 1, low=1)
    total = store.count_stories()
    stories = store.list_stories(limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return Page("index.html", {"stories": stories, "total": total, "page": page, "pages": pages},
                title="Stories")
