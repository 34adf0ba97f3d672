"""One module per page. A view takes the open store and the request and returns a `Page`."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from newsfold.report.html import Links, report_view, story_utterances


class NotFound(Exception):
    """The address names nothing in the store: a 404."""


class BadRequest(Exception):
    """The request's parameters cannot be used: a 400."""


@dataclass
class Page:
    """What a view returns: the data (the JSON twin, verbatim) and the template that shows it."""

    template: str
    data: dict[str, Any]
    title: str = "newsfold"
    extra: dict[str, Any] = field(default_factory=dict)  # only for the HTML page, never in the JSON


def int_param(params: dict[str, str], name: str, default: int, *, low: int = 0, high: int = 10_000) -> int:
    """An integer query parameter kept within bounds; BadRequest when it is not a number."""
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as err:
        raise BadRequest(f"{name} must be a whole number") from err
    return max(low, min(high, value))


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def choice_param(
    params: dict[str, str], name: str, choices: tuple[str, ...], default: str | None
) -> str | None:
    """A query parameter that must be one of `choices` (empty: the default); BadRequest otherwise."""
    raw = params.get(name) or None
    if raw is None:
        return default
    if raw not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}")
    return raw


def date_param(params: dict[str, str], name: str) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) query parameter; BadRequest when it is not one."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if not _DATE.match(raw):
        raise BadRequest(f"{name} must be a date: YYYY-MM-DD")
    return raw


def paging(params: dict[str, str], total: int, per_default: int) -> tuple[int, int, int, int]:
    """The page asked for, the page size (`per`, 1 to 200), the number of pages, and the offset."""
    per = int_param(params, "per", per_default, low=1, high=200)
    pages = max(1, -(-total // per))
    page = int_param(params, "page", 1, low=1)
    return page, per, pages, (page - 1) * per


def web_links(store: Any, ids_by_doc: dict[str, str] | None = None) -> Links:
    """Where names lead in the app: an outlet to its page, a quotation to its place in its article, a
    named speaker to their page; outlets keep one colour on every page (their place in the store's list)."""
    from newsfold.store.codec import is_named, person_id
    from newsfold.store.read import outlet_id, quote_anchor

    names = store.outlet_names()
    known = set(names)
    ids = ids_by_doc or {}

    def quote(q: Any) -> str | None:
        aid = ids.get(q.doc)
        return f"/articles/{aid}#{quote_anchor(q.start, q.end, q.kind)}" if aid else None

    return Links(
        outlet=lambda name: f"/outlets/{outlet_id(name)}" if name in known else None,
        quote=quote,
        person=lambda name: f"/people/{person_id(name)}" if is_named(name) else None,
        tones={n: i for i, n in enumerate(names)},
    )


CACHE_SIZE = 64  # stories whose views are kept; a story's entry holds its articles' text
_cache: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_cache_lock = threading.Lock()


def story_views(store: Any, story_id: str) -> dict[str, Any] | None:
    """A story's `model`, article `ids` by doc, its report view `rv` with the app's links, its utterances
    with the quotations only one outlet carries (`singles`) and its read view (`story`); kept while
    the story's version holds (`Store.story_version`), so the pages that show several stories (a person's,
    an outlet's) do not fold every one again on each request. None if the story is unknown."""
    version = store.story_version(story_id)
    if version is None:
        return None
    names = tuple(store.outlet_names())
    where = getattr(store.db, "path", None) or getattr(store.db, "url", None) or id(store)
    key = (where, story_id, version, names)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    found = store.story_model(story_id)
    if found is None:
        return None
    model, ids, version = found
    links = web_links(store, ids)
    # the story's read view (its JSON twin) too: read after the version, it is never older than its key
    entry = {"model": model, "ids": ids, "links": links, "rv": report_view(model, links),
             "singles": story_utterances(model, links, singles=True), "story": store.get_story(story_id)}
    with _cache_lock:
        _cache[(where, story_id, version, names)] = entry
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return entry


def compact_utterance(u: dict[str, Any]) -> dict[str, Any]:
    """An utterance as a JSON twin gives it: who, and each outlet's wording, relation, diff and place
    (the page's chips and labels left out)."""
    return {
        "speaker": u["speaker"],
        "outlets": u["outlets"],
        "relations": u["relations"],
        "versions": [{"outlet": v["outlet_key"], "text": v["text"], "kind": v["kind"],
                      "relation": v["relation"], "diff": v["diff"], "against": v.get("against"),
                      "href": v.get("href"), "date": v.get("date")} for v in u["versions"]],
    }
