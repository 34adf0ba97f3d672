"""A person: their statements over time as a picture, then story by story one entry per utterance, with
every outlet that carried it, each one's wording and how it relates to the others'."""

from __future__ import annotations

from typing import Any

from newsfold.web.views import NotFound, Page, compact_utterance, story_views
from newsfold.web.views.chart import statements_over_time


def _story_utterances(store: Any, sid: str, mine: set[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """The utterances of story `sid` that hold one of the person's quotations, widest carried first."""
    views = story_views(store, sid)
    if views is None:
        return []
    return [u for u in views["singles"]
            if any((v["doc"], v["start"], v["end"]) in mine for v in u["versions"])]


def view(store: Any, params: dict[str, str], person_id: str) -> Page:
    person = store.get_person(person_id)
    if person is None:
        raise NotFound(f"no person {person_id}")
    quotes = person.get("quotes", [])
    tones = {n: i for i, n in enumerate(store.outlet_names())}
    first: dict[str, str] = {}
    for q in quotes:  # stories in the order the person first spoke in them (undated last)
        if q.get("story"):
            first[q["story"]] = min(first.get(q["story"], "9999"), (q.get("date") or "9999")[:10])
    mine = {(q["doc"], q["start"], q["end"]) for q in quotes}
    said = []
    for s in sorted(person.get("stories", []), key=lambda s: (first.get(s["id"], "9999"), s["id"])):
        said.append({"story": {"id": s["id"], "title": s.get("title")},
                     "utterances": _story_utterances(store, s["id"], mine)})
    chart = statements_over_time(quotes, tones)
    over_time = {"unit": chart["unit"], "bins": chart["bins"], "undated": chart["undated"]}
    twin = [{"story": s["story"], "utterances": [compact_utterance(u) for u in s["utterances"]]}
            for s in said]
    data = {**person, "over_time": over_time, "utterances": twin}
    return Page("person.html", data, title=person.get("name") or person_id,
                extra={"chart": chart, "said": said})
