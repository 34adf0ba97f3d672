"""Serve the web app on a threaded WSGI server from the standard library, on localhost by default."""

from __future__ import annotations

import sys
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from newsfold.web.app import WebApp


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread per connection, so a slow page never holds up the rest."""

    daemon_threads = True
    request_queue_size = 128


class QuietHandler(WSGIRequestHandler):
    """Logs one line per request to stderr only when asked to (`--verbose`)."""

    verbose = False

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.verbose:
            sys.stderr.write("newsfold serve: " + (format % args) + "\n")


def make_app(db: str) -> WebApp:
    """The app over the store at `db` (a SQLite path or a postgresql:// URL), opened read-only per thread."""
    from newsfold.store import open_store

    with open_store(db, readonly=True) as store:  # fail now, with one clear line, if it is not a usable store
        store.count_stories()
    return WebApp(lambda: open_store(db, readonly=True))


def build_server(db: str, host: str = "127.0.0.1", port: int = 8001, *, verbose: bool = False) -> WSGIServer:
    """A server ready to `serve_forever()`; port 0 picks a free one (see `server.server_port`)."""
    handler = type("Handler", (QuietHandler,), {"verbose": verbose})
    return make_server(host, port, make_app(db), server_class=ThreadingWSGIServer, handler_class=handler)
