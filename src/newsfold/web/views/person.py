"""A person: everything they said across stories, with the outlets that carried it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsfold.web.views import NotFound, Page, int_param


def view(store: Any, params: dict[str, str], person_id: str) -> Page:
    person = store.get_person(person_id)
    if person is None:
        raise NotFound(f"no person {person_id}")
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in person.get("quotes", []):
        by_story[q.get("story") or ""].append(q)
    return Page("person.html", person, title=person.get("name") or person_id,
                extra={"by_story": dict(by_story)})


def index(store: Any, params: dict[str, str]) -> Page:
    page = int_param(params, "page", 1, low=1)
    people = store.list_people(limit=100, offset=(page - 1) * 100)
    return Page("people.html", {"people": people, "page": page}, title="People")
