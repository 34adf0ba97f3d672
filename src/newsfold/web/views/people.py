"""The people index: paged, sorted (most quoted, most outlets, name) and filtered (people, organisations)."""

from __future__ import annotations

from typing import Any

from newsfold.store.read import PEOPLE_KINDS, PEOPLE_SORTS
from newsfold.web.views import Page, choice_param, paging

PER_PAGE = 100


def index(store: Any, params: dict[str, str]) -> Page:
    sort = choice_param(params, "sort", PEOPLE_SORTS, "quotes")
    kind = choice_param(params, "kind", PEOPLE_KINDS, None)
    everyone = store.list_people(limit=1 << 62, sort=sort, kind=kind)  # counted and paged in one read
    total = len(everyone)
    page, per, pages, offset = paging(params, total, PER_PAGE)
    people = everyone[offset : offset + per]
    data = {"people": people, "total": total, "page": page, "pages": pages, "per": per, "sort": sort,
            "kind": kind}
    return Page("people.html", data, title="People", extra={"sorts": PEOPLE_SORTS, "kinds": PEOPLE_KINDS})
