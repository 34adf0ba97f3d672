"""The WSGI application: routing, the JSON twins, security headers, errors with their HTTP status.

Read-only by design: only GET and HEAD are answered. Each request thread keeps its own read-only store
connection (a SQLite connection must stay in the thread that opened it), so pages read consistent
snapshots while an ingest writes beside them (SQLite's WAL lets readers and one writer work at once).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, select_autoescape

from newsfold import __version__
from newsfold.store.read import outlet_id
from newsfold.web import openapi
from newsfold.web.views import (
    BadRequest,
    NotFound,
    Page,
    article,
    index,
    outlet,
    people,
    person,
    search,
    story,
)

HERE = Path(__file__).parent
REPORT_TEMPLATES = HERE.parent / "report" / "templates"
# parts.css styles the macros the story, person and outlet pages share with report.html
STATIC = {"app.css": HERE / "static" / "app.css", "parts.css": REPORT_TEMPLATES / "parts.css"}
CSS = "text/css; charset=utf-8"

# Nothing runs and nothing loads from elsewhere: the pages have no scripts, styles come from /static.
SECURITY_HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]

ID = r"(?P<id>[A-Za-z0-9_.:\-]{1,200}?)"
ROUTES: list[tuple[re.Pattern[str], Callable[..., Page]]] = [
    (re.compile(r"^/(?P<json>\.json)?$"), index.view),
    (re.compile(rf"^/stories/{ID}(?P<json>\.json)?$"), story.view),
    (re.compile(r"^/people(?P<json>\.json)?$"), people.index),
    (re.compile(rf"^/people/{ID}(?P<json>\.json)?$"), person.view),
    (re.compile(rf"^/articles/{ID}(?P<json>\.json)?$"), article.view),
    (re.compile(r"^/outlets(?P<json>\.json)?$"), outlet.index),
    (re.compile(rf"^/outlets/{ID}(?P<json>\.json)?$"), outlet.view),
    (re.compile(r"^/search(?P<json>\.json)?$"), search.view),
]

STATUS = {200: "200 OK", 304: "304 Not Modified", 400: "400 Bad Request", 404: "404 Not Found",
          405: "405 Method Not Allowed", 500: "500 Internal Server Error"}


@cache
def _environment() -> Environment:
    # "report/..." names report.html's templates, whose macros the story, person and outlet pages use
    loader = ChoiceLoader([FileSystemLoader(str(HERE / "templates")),
                           PrefixLoader({"report": FileSystemLoader(str(REPORT_TEMPLATES))})])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["urlpart"] = lambda s: quote(str(s), safe="")
    env.filters["outlet_id"] = outlet_id
    env.globals["link"] = link
    env.filters["weblink"] = _weblink
    env.globals["version"] = __version__
    return env


def link(path: str, params: dict[str, str] | None = None, **changes: Any) -> str:
    """`path` with the query `params` changed by `changes` (None or "" drops one), so a pager or a sort
    link keeps the page's other filters."""
    merged = {**(params or {}), **{k: v for k, v in changes.items()}}
    query = urlencode([(k, str(v)) for k, v in merged.items() if v not in (None, "")])
    return f"{path}?{query}" if query else path


def _weblink(url: Any) -> str | None:
    """A URL fit for an href: only http(s); anything else (javascript:, data:) is shown as text only."""
    if isinstance(url, str) and re.match(r"^https?://[^\s\"'<>]+$", url, re.IGNORECASE):
        return url
    return None


class WebApp:
    """The WSGI callable. `open_store` opens a read-only store; it is called once per thread."""

    def __init__(self, open_store: Callable[[], Any]) -> None:
        self._open_store = open_store
        self._local = threading.local()

    def store(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._open_store()
        return store

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        params = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        wants_json = path.endswith(".json")
        if method not in ("GET", "HEAD"):
            status, body, ctype = self._error(405, "newsfold's web app is read-only", wants_json)
            extra = [("Allow", "GET, HEAD")]
        else:
            extra = []
            try:
                status, body, ctype = self._dispatch(path, params)
            except NotFound as err:
                status, body, ctype = self._error(404, str(err), wants_json)
            except BadRequest as err:
                status, body, ctype = self._error(400, str(err), wants_json)
            except Exception as err:  # noqa: BLE001 - one bad page must not take the server down
                environ["wsgi.errors"].write(f"newsfold: {path}: {type(err).__name__}: {err}\n")
                self._reset_store()
                status, body, ctype = self._error(500, "the page could not be built", wants_json)
        headers = [("Content-Type", ctype), ("Content-Length", str(len(body))), *SECURITY_HEADERS, *extra]
        start_response(STATUS[status], headers)
        return [b""] if method == "HEAD" else [body]

    def _reset_store(self) -> None:
        store = getattr(self._local, "store", None)
        self._local.store = None
        if store is not None:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - a broken connection is being thrown away anyway
                pass

    def _dispatch(self, path: str, params: dict[str, str]) -> tuple[int, bytes, str]:
        if path == "/openapi.json":
            return 200, _json(openapi.spec()), "application/json"
        if path.startswith("/static/"):
            name = path[len("/static/"):]
            if name not in STATIC:
                raise NotFound(f"no static file {name}")
            return 200, STATIC[name].read_bytes(), CSS
        for pattern, handler in ROUTES:
            m = pattern.match(path)
            if m is None:
                continue
            args = [m.group("id")] if "id" in m.groupdict() else []
            page = handler(self.store(), params, *args)
            if m.group("json"):
                return 200, _json(page.data), "application/json"
            tones = {n: i for i, n in enumerate(self.store().outlet_names())}  # one colour per outlet
            html = _environment().get_template(page.template).render(
                page=page, data=page.data, params=params, tones=tones, **page.extra)
            return 200, html.encode("utf-8"), "text/html; charset=utf-8"
        raise NotFound(f"nothing at {path}")

    def _error(self, status: int, message: str, as_json: bool) -> tuple[int, bytes, str]:
        if as_json:
            return status, _json({"error": message, "status": status}), "application/json"
        html = _environment().get_template("error.html").render(
            page=Page("error.html", {}, title=STATUS[status]), params={}, tones={}, status=status,
            message=message)
        return status, html.encode("utf-8"), "text/html; charset=utf-8"


def _json(data: Any) -> bytes:
    # compact: the C encoder (indent would fall back to the pure-Python one, several times slower)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
