"""One module per page. A view takes the open store and the request and returns a `Page`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
