"""The front page: stories, newest first (or sorted otherwise), filtered by outlet, person and dates."""

from __future__ import annotations

from typing import Any

from newsfold.store.read import STORY_SORTS, outlet_id
from newsfold.web.views import BadRequest, Page, choice_param, date_param, paging

PER_PAGE = 50


def view(store: Any, params: dict[str, str]) -> Page:
    filters: dict[str, Any] = {
        "outlet": params.get("outlet") or None,
        "person": params.get("person") or None,
        "since": date_param(params, "from"),
        "until": date_param(params, "to"),
    }
    sort = choice_param(params, "sort", STORY_SORTS, "newest")
    shown: dict[str, Any] = {"sort": sort, "from": filters["since"], "to": filters["until"]}
    # the filter's choices need only the outlets' names, not their counts (a read of every quotation)
    outlets = [{"id": outlet_id(n), "name": n} for n in store.outlet_names()]
    if filters["outlet"]:
        outlet = next((o for o in outlets if o["id"] == filters["outlet"]), None)
        if outlet is None:
            raise BadRequest(f"no outlet {filters['outlet']}")
        shown["outlet"] = outlet
    if filters["person"]:
        person = store.get_person(filters["person"])
        if person is None:
            raise BadRequest(f"no person {filters['person']}")
        shown["person"] = {"id": person["id"], "name": person["name"]}
    every = store.list_stories(limit=1 << 62, sort=sort, **filters)  # counted and paged in one read
    total = len(every)
    page, per, pages, offset = paging(params, total, PER_PAGE)
    stories = every[offset : offset + per]
    data = {"stories": stories, "total": total, "page": page, "pages": pages, "per": per, "filters": shown}
    return Page("index.html", data, title="Stories",
                extra={"outlets": outlets, "sorts": STORY_SORTS})
