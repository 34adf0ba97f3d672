"""Fetching pages and feeds from a local test server (127.0.0.1, allowed only with allow_loopback).

Every test guards socket.create_connection: a connection to anything but the test server fails the
test, so refusals are shown to happen before any traffic. Timeouts are short to keep the tests fast.
"""

from __future__ import annotations

import gzip
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsfold.errors import Failure
from newsfold.ingest import fetch as fetch_module
from newsfold.ingest import netguard, read_paths
from newsfold.ingest.fetch import FetchOptions, fetch
from newsfold.ingest.urls import Fetcher
from newsfold.models import Article

Handler = Callable[[BaseHTTPRequestHandler], None]

OPTS = FetchOptions(allow_loopback=True, timeout=2.0, deadline=5.0, retries=0, backoff=0.01)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def reply(h: BaseHTTPRequestHandler, body: bytes | str = b"", status: int = 200, **headers: str) -> None:
    data = body.encode() if isinstance(body, str) else body
    h.send_response(status)
    headers.setdefault("Content_Type", "text/html; charset=utf-8")
    for name, value in headers.items():
        h.send_header(name.replace("_", "-"), value)
    if "Content_Length" not in headers:
        h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


def serve(body: bytes | str, status: int = 200, **headers: str) -> Handler:
    return lambda h: reply(h, body, status, **headers)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        server: LocalServer = self.server.local  # type: ignore[attr-defined]
        server.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            reply(self, "not here", 404)
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on a slow or oversized answer is what those tests want


def _serve(monkeypatch: pytest.MonkeyPatch, tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    local = LocalServer()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    httpd.local = local  # type: ignore[attr-defined]
    local.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        if address != ("127.0.0.1", local.port):
            raise AssertionError(f"a connection to {address} was attempted")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    yield local
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A server on 127.0.0.1; connections anywhere else fail the test before they are made."""
    yield from _serve(monkeypatch)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate (and its key, in the same file) for news.test, made by openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    pem = tmp_path_factory.mktemp("tls") / "news.test.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=news.test",
            "-addext",
            "subjectAltName=DNS:news.test",
            "-keyout",
            str(pem),
            "-out",
            str(pem.with_suffix(".crt")),
        ],
        check=True,
        capture_output=True,
    )
    pem.write_text(pem.read_text() + pem.with_suffix(".crt").read_text())
    return pem


@pytest.fixture
def tls_server(monkeypatch: pytest.MonkeyPatch, certificate: Path) -> Iterator[LocalServer]:
    """The local server over TLS, as news.test and other.test (both resolving to 127.0.0.1 here)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate)
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        return real("127.0.0.1" if host in ("news.test", "other.test") else host, port, *args, **kwargs)

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    yield from _serve(monkeypatch, context)


PAGE_B = """<!DOCTYPE html><html><head><title>Ferry</title></head><body><article>
<p>The ferry between the two islands resumed its winter timetable on Monday after a week of storms kept
it in port, and the operator said extra sailings would run until the backlog of freight had cleared.</p>
<p>"We have never had so many lorries waiting on the quay," a harbour official said on Monday morning.</p>
</article></body></html>"""


def articles(out: list[Article | Failure]) -> list[Article]:
    return [o for o in out if isinstance(o, Article)]


def failures(out: list[Article | Failure]) -> list[Failure]:
    return [o for o in out if isinstance(o, Failure)]


def rss(server: LocalServer, *links: str) -> str:
    items = "".join(
        f"<item><title>Item {link}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Wed, 15 Nov 2023 07:00:00 GMT</pubDate><author>desk@courier.example (Feed Author)</author>"
        "</item>"
        for link in links
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier Feed</title>{items}</channel></rss>'
    )


# --- pages ---------------------------------------------------------------------------------------------


def test_article_page_gzipped_with_user_agent(server: LocalServer, page: str) -> None:
    server.routes["/story"] = serve(gzip.compress(page.encode()), Content_Encoding="gzip")
    out = list(read_paths([server.url("/story")], fetch_options=OPTS))
    (article,) = articles(out)
    assert article.doc == server.url("/story")
    assert article.title == "Council approves harbour wall"
    assert article.url == "https://courier.example/news/harbour-wall"  # the page's canonical link
    assert article.encoding == "utf-8"
    assert "rebuild the old harbour wall" in article.text
    ua = server.requests[0].headers["user-agent"]
    assert ua.startswith("newsfold/") and "Python" in ua
    assert "gzip" in server.requests[0].headers["accept-encoding"]


def test_plain_text_and_unsupported_types(server: LocalServer) -> None:
    server.routes["/a.txt"] = serve("The mayor said the bridge would reopen.", Content_Type="text/plain")
    server.routes["/img"] = serve(b"\x89PNG\r\n\x1a\n" + b"\0" * 50, Content_Type="image/png")
    out = list(read_paths([server.url("/a.txt"), server.url("/img")], fetch_options=OPTS))
    assert articles(out)[0].text == "The mayor said the bridge would reopen."
    assert articles(out)[0].url == server.url("/a.txt")
    assert [f.error.code for f in failures(out)] == ["NF409"]


def test_loopback_refused_by_default_without_any_connection(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    server.routes["/story"] = serve(page)

    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("connected")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    out = list(read_paths([server.url("/story"), "file:///etc/passwd"]))
    assert [(f.source, f.error.code) for f in failures(out)] == [
        (server.url("/story"), "NF402"),
        ("file:///etc/passwd", "NF401"),
    ]
    assert server.requests == []


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.0.0.1/admin",
        "http://192.168.1.1/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_a_refused_address_is_refused_before_connecting(
    server: LocalServer, location: str
) -> None:
    server.routes["/go"] = serve("", 302, Location=location)
    out = list(read_paths([server.url("/go")], fetch_options=OPTS))
    (failure,) = failures(out)
    assert failure.error.code in ("NF401", "NF402")
    assert failure.source == server.url("/go")
    assert f"redirected to {location}" in failure.line()
    assert server.paths() == ["/go"]  # the guard would have failed the test on any other connection


def test_redirects_followed_then_capped(server: LocalServer, page: str) -> None:
    server.routes["/story"] = serve(page)
    server.routes["/r1"] = serve("", 301, Location="/r2")
    server.routes["/r2"] = serve("", 307, Location=server.url("/story"))
    server.routes["/loop"] = serve("", 302, Location="/loop")
    server.routes["/nowhere"] = serve("", 302)
    out = list(
        read_paths([server.url("/r1"), server.url("/loop"), server.url("/nowhere")], fetch_options=OPTS)
    )
    (article,) = articles(out)
    assert article.doc == server.url("/r1")
    assert [f.error.code for f in failures(out)] == ["NF407", "NF407"]
    assert server.paths().count("/loop") == OPTS.max_redirects + 1


def test_dns_answer_is_used_once_and_the_checked_address_connected(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """A name is resolved once, every answer checked, and the socket goes to a checked address, so a
    second, different answer (DNS rebinding) is never seen; the Host header keeps the name."""
    server.routes["/story"] = serve(page)
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        if host == "127.0.0.1":  # socket.create_connection looks the vetted address up again: no DNS
            return real(host, port, *args, **kwargs)
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    out = list(read_paths([f"http://news.test:{server.port}/story"], fetch_options=OPTS))
    assert len(articles(out)) == 1
    assert asked == ["news.test"]
    assert server.requests[0].headers["host"] == f"news.test:{server.port}"


def test_dns_rebinding_to_a_private_address_is_refused(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.20.30.40", port))]

    monkeypatch.setattr(netguard.socket, "getaddrinfo", getaddrinfo)
    (failure,) = list(read_paths(["http://rebind.test/"], fetch_options=OPTS))
    assert failure.error.code == "NF402"
    assert "rebind.test resolves to 10.20.30.40, a private address" in failure.line()


# --- caps ------------------------------------------------------------------------------------------------


def test_oversized_body_refused_announced_or_not(server: LocalServer) -> None:
    big = b"<html><body><p>" + b"x" * 200_000 + b"</p></body></html>"

    def unannounced(h: BaseHTTPRequestHandler) -> None:
        # No Content-Length: the body runs until the server closes the connection (HTTP/1.0).
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for i in range(0, len(big), 8192):
            h.wfile.write(big[i : i + 8192])

    server.routes["/announced"] = serve(big)
    server.routes["/unannounced"] = unannounced
    opts = FetchOptions(allow_loopback=True, max_bytes=50_000, retries=0)
    out = list(read_paths([server.url("/announced"), server.url("/unannounced")], fetch_options=opts))
    assert [f.error.code for f in out] == ["NF406", "NF406"]  # type: ignore[union-attr]
    assert "announces" in out[0].line() and "runs past the cap" in out[1].line()  # type: ignore[union-attr]


def test_gzip_bomb_capped(server: LocalServer) -> None:
    bomb = gzip.compress(b"<html><body><p>" + b"a" * 20_000_000, compresslevel=9)
    assert len(bomb) < 50_000
    server.routes["/bomb"] = serve(bomb, Content_Encoding="gzip")
    opts = FetchOptions(allow_loopback=True, max_bytes=1_000_000, retries=0)
    (failure,) = list(read_paths([server.url("/bomb")], fetch_options=opts))
    assert failure.error.code == "NF406"
    assert "decompresses to more than 1000000 bytes" in failure.line()


def test_slow_server_times_out(server: LocalServer, page: str) -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        reply(h, page)

    server.routes["/slow"] = slow
    opts = FetchOptions(allow_loopback=True, timeout=0.2, retries=2, backoff=0.01)
    start = time.perf_counter()
    (failure,) = list(read_paths([server.url("/slow")], fetch_options=opts))
    assert failure.error.code == "NF405"
    assert server.paths() == ["/slow"]  # a read timeout is not retried: a slow server stays slow
    assert time.perf_counter() - start < 0.9


def test_dripping_server_stopped_at_the_deadline(server: LocalServer) -> None:
    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(1000):  # each byte well inside the read timeout, the whole far past the deadline
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.02)

    server.routes["/drip"] = drip
    opts = FetchOptions(allow_loopback=True, timeout=1.0, deadline=0.4, retries=0)
    start = time.perf_counter()
    (failure,) = list(read_paths([server.url("/drip")], fetch_options=opts))
    assert failure.error.code == "NF405"
    assert time.perf_counter() - start < 3


# --- retries ---------------------------------------------------------------------------------------------


def test_5xx_retried_with_backoff_4xx_not(server: LocalServer, page: str) -> None:
    calls = {"n": 0}

    def flaky(h: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        reply(h, page) if calls["n"] == 3 else reply(h, "busy", 503)

    server.routes["/flaky"] = flaky
    server.routes["/gone"] = serve("gone", 410)
    opts = FetchOptions(allow_loopback=True, retries=3, backoff=0.01)
    out = list(read_paths([server.url("/flaky"), server.url("/gone")], fetch_options=opts))
    assert len(articles(out)) == 1
    assert [f.line() for f in failures(out)] == [f"NF404 {server.url('/gone')}: HTTP 410 Gone"]
    assert server.paths() == ["/flaky", "/flaky", "/flaky", "/gone"]


def test_persistent_5xx_reported_after_the_retries(server: LocalServer) -> None:
    server.routes["/down"] = serve("down", 502)
    opts = FetchOptions(allow_loopback=True, retries=2, backoff=0.01)
    (failure,) = list(read_paths([server.url("/down")], fetch_options=opts))
    assert failure.line() == f"NF404 {server.url('/down')}: HTTP 502 Bad Gateway"
    assert server.paths() == ["/down"] * 3


def test_refused_connection_retried_then_nf403(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tries: list[tuple[str, int]] = []
    real = socket.create_connection

    def counted(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        assert address == ("127.0.0.1", port)
        tries.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", counted)
    opts = FetchOptions(allow_loopback=True, retries=2, backoff=0.01)
    (failure,) = list(read_paths([f"http://127.0.0.1:{port}/"], fetch_options=opts))
    assert failure.error.code == "NF403"
    assert len(tries) == 3


# --- feeds -----------------------------------------------------------------------------------------------


def test_rss_feed_items_fetched_with_feed_metadata_filling_gaps(server: LocalServer, page: str) -> None:
    server.routes["/feed.xml"] = serve(rss(server, "/a", "/b", "/a"), Content_Type="application/rss+xml")
    server.routes["/a"] = serve(page)
    server.routes["/b"] = serve(PAGE_B)
    out = list(read_paths([server.url("/feed.xml")], fetch_options=OPTS))
    a, b = articles(out)
    assert not failures(out)
    assert server.paths() == ["/feed.xml", "/a", "/b"]  # a link listed twice is fetched once
    # The page's own metadata wins; the feed fills only what the page lacks.
    assert (a.doc, a.title, a.date, a.outlet) == (
        server.url("/a"),
        "Council approves harbour wall",
        "2023-11-14",
        "The Westport Courier",
    )
    assert (b.doc, b.date, b.outlet) == (server.url("/b"), "2023-11-15", "Courier Feed")
    assert b.author == "desk@courier.example (Feed Author)"


def test_feed_title_names_the_outlet_without_its_tagline(server: LocalServer) -> None:
    tagline = "<title>Courier Feed | Best news of the coast</title>"
    feed = rss(server, "/b").replace("<title>Courier Feed</title>", tagline)
    server.routes["/feed.xml"] = serve(feed, Content_Type="application/rss+xml")
    server.routes["/b"] = serve(PAGE_B)  # names no site: its outlet would be the host
    (article,) = articles(list(read_paths([server.url("/feed.xml")], fetch_options=OPTS)))
    assert article.outlet == "Courier Feed"


def test_atom_feed_served_as_html_is_sniffed(server: LocalServer) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>Ledger</title><entry><title>Ferry</title><id>urn:x:1</id>
    <link href="{server.url("/b")}"/><published>2023-11-16T06:00:00Z</published></entry></feed>"""
    server.routes["/atom"] = serve(atom, Content_Type="text/html")
    server.routes["/b"] = serve(PAGE_B)
    (article,) = list(read_paths([server.url("/atom")], fetch_options=OPTS))
    assert isinstance(article, Article)
    assert (article.date, article.outlet) == ("2023-11-16", "Ledger")


def test_feed_item_pointing_at_a_private_address_fails_alone(server: LocalServer) -> None:
    server.routes["/feed"] = serve(
        rss(server, "http://169.254.169.254/latest/", "/b"), Content_Type="application/rss+xml"
    )
    server.routes["/b"] = serve(PAGE_B)
    out = list(read_paths([server.url("/feed")], fetch_options=OPTS))
    assert len(articles(out)) == 1
    (failure,) = failures(out)
    assert failure.error.code == "NF402"
    assert failure.source == "http://169.254.169.254/latest/"
    assert f"(item of {server.url('/feed')})" in failure.line()


def test_malformed_feed_is_one_error_and_the_rest_goes_on(server: LocalServer, page: str) -> None:
    server.routes["/bad"] = serve(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><link>/a', Content_Type="application/rss+xml"
    )
    server.routes["/story"] = serve(page)
    out = list(read_paths([server.url("/bad"), server.url("/story")], fetch_options=OPTS))
    assert isinstance(out[0], Failure) and out[0].error.code == "NF408"
    assert "\n" not in out[0].line()
    assert isinstance(out[1], Article)
    assert len(out) == 2


def test_billion_laughs_feed_refused_and_inert(server: LocalServer) -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]><rss><channel><title>&l9;</title>'
    )
    body += "<item><link>/a</link></item></channel></rss>"
    server.routes["/lol"] = serve(body, Content_Type="application/rss+xml")
    start = time.perf_counter()
    (failure,) = list(read_paths([server.url("/lol")], fetch_options=OPTS))
    assert failure.error.code == "NF408"
    assert "EntitiesForbidden" in failure.line()
    assert server.paths() == ["/lol"]  # no item was fetched
    assert time.perf_counter() - start < 5


# --- conditional requests and the memory of items read ----------------------------------------------------


def conditional(body: str, etag: str) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == etag:
            reply(h, "", 304, ETag=etag)
        else:
            reply(
                h,
                body,
                Content_Type="application/rss+xml",
                ETag=etag,
                Last_Modified="Wed, 15 Nov 2023 07:00:00 GMT",
            )

    return handler


def test_feed_reread_fetches_only_what_is_new(server: LocalServer, page: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "fetch.json"
    opts = FetchOptions(allow_loopback=True, retries=0, cache_path=str(cache))
    server.routes["/a"] = serve(page)
    server.routes["/b"] = serve(PAGE_B)
    server.routes["/c"] = serve(PAGE_B.replace("ferry", "night ferry"))
    server.routes["/feed"] = conditional(rss(server, "/a", "/b"), '"v1"')
    first = list(read_paths([server.url("/feed")], fetch_options=opts))
    assert len(articles(first)) == 2
    saved = json.loads(cache.read_text())
    assert saved["validators"][server.url("/feed")] == {
        "etag": '"v1"',
        "last_modified": "Wed, 15 Nov 2023 07:00:00 GMT",
    }

    # Unchanged: one conditional request, a 304, nothing read.
    server.requests.clear()
    assert list(read_paths([server.url("/feed")], fetch_options=opts)) == []
    assert server.paths() == ["/feed"]
    assert server.requests[0].headers["if-none-match"] == '"v1"'
    assert server.requests[0].headers["if-modified-since"] == "Wed, 15 Nov 2023 07:00:00 GMT"

    # One new item: only it is fetched.
    server.requests.clear()
    server.routes["/feed"] = conditional(rss(server, "/c", "/a", "/b"), '"v2"')
    third = list(read_paths([server.url("/feed")], fetch_options=opts))
    assert [a.doc for a in articles(third)] == [server.url("/c")]
    assert server.paths() == ["/feed", "/c"]

    # Without the memory everything is read again.
    server.requests.clear()
    assert len(articles(list(read_paths([server.url("/feed")], fetch_options=OPTS)))) == 3


def test_a_failed_item_is_tried_again_next_time(server: LocalServer, page: str, tmp_path: Path) -> None:
    opts = FetchOptions(allow_loopback=True, retries=0, cache_path=str(tmp_path / "fetch.json"))
    server.routes["/a"] = serve(page)
    server.routes["/feed"] = conditional(rss(server, "/a", "/late"), '"v1"')
    first = list(read_paths([server.url("/feed")], fetch_options=opts))
    assert len(articles(first)) == 1 and [f.error.code for f in failures(first)] == ["NF404"]
    server.requests.clear()
    server.routes["/late"] = serve(PAGE_B)
    second = list(read_paths([server.url("/feed")], fetch_options=opts))
    assert [a.doc for a in articles(second)] == [server.url("/late")]
    assert "if-none-match" not in server.requests[0].headers  # validators were not kept after a failure
    assert server.paths() == ["/feed", "/late"]


def test_an_item_taken_is_remembered_even_if_the_run_stops(
    server: LocalServer, page: str, tmp_path: Path
) -> None:
    opts = FetchOptions(allow_loopback=True, retries=0, cache_path=str(tmp_path / "fetch.json"))
    server.routes["/a"] = serve(page)
    server.routes["/b"] = serve(PAGE_B)
    server.routes["/feed"] = conditional(rss(server, "/a", "/b"), '"v1"')
    reader = read_paths([server.url("/feed")], fetch_options=opts)
    next(reader)  # /a yielded but not yet taken: the consumer may still lose it
    next(reader)  # taking /b confirms /a
    reader.close()
    server.requests.clear()
    again = list(read_paths([server.url("/feed")], fetch_options=opts))
    assert [a.doc for a in articles(again)] == [server.url("/b")]


def test_article_page_answered_304_yields_nothing(server: LocalServer, page: str, tmp_path: Path) -> None:
    def handler(h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-Modified-Since") == "Tue, 14 Nov 2023 08:30:00 GMT":
            reply(h, "", 304)
        else:
            reply(h, page, Last_Modified="Tue, 14 Nov 2023 08:30:00 GMT")

    server.routes["/story"] = handler
    with Fetcher(FetchOptions(allow_loopback=True, cache_path=str(tmp_path / "c.json"))) as fetcher:
        assert len(list(fetcher.read(server.url("/story")))) == 1
        assert list(fetcher.read(server.url("/story"))) == []


def test_fetch_returns_the_final_url_and_headers(server: LocalServer, page: str) -> None:
    server.routes["/story"] = serve(page, ETag='"abc"')
    server.routes["/moved"] = serve("", 308, Location="/story")
    resp = fetch(server.url("/moved"), OPTS)
    assert (resp.url, resp.status, resp.headers["etag"], resp.charset) == (
        server.url("/story"),
        200,
        '"abc"',
        "utf-8",
    )


# --- the command line ---------------------------------------------------------------------------------------


def test_cli_extract_refuses_loopback_unless_allowed(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from newsfold.cli import main

    def page_b(h: BaseHTTPRequestHandler) -> None:
        reply(h, "", 304) if h.headers.get("If-None-Match") == '"b1"' else reply(h, PAGE_B, ETag='"b1"')

    server.routes["/b"] = page_b
    out = tmp_path / "q.jsonl"
    assert main(["extract", server.url("/b"), "--workers", "1", "-o", str(out)]) == 1
    assert f"newsfold: NF402 {server.url('/b')}: 127.0.0.1, a loopback address" in capsys.readouterr().err
    assert server.requests == []

    cache = tmp_path / "fetch.json"
    args = [
        "extract",
        server.url("/b"),
        "--workers",
        "1",
        "-o",
        str(out),
        "--allow-loopback",
        "--fetch-timeout",
        "2",
        "--fetch-cache",
        str(cache),
    ]
    assert main(args) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and {r["doc"] for r in records} == {server.url("/b")}
    assert cache.exists()
    assert main(args) == 0  # the page answers 304 to the ETag remembered: nothing new, nothing failed
    assert out.read_text() == ""


# --- HTTPS ------------------------------------------------------------------------------------------------


def test_https_checks_the_certificate_against_the_host_name(
    tls_server: LocalServer, certificate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls_server.routes["/b"] = serve(PAGE_B)
    opts = FetchOptions(allow_loopback=True, retries=2, backoff=0.01)
    url = f"https://news.test:{tls_server.port}/b"
    # Self-signed: refused, and not retried (a bad certificate does not mend itself).
    (failure,) = list(read_paths([url], fetch_options=opts))
    assert failure.error.code == "NF403" and "certificate" in failure.line()
    assert tls_server.requests == []

    monkeypatch.setattr(fetch_module, "_TLS", ssl.create_default_context(cafile=str(certificate)))
    (article,) = list(read_paths([url], fetch_options=opts))
    assert isinstance(article, Article)
    assert tls_server.requests[0].headers["host"] == f"news.test:{tls_server.port}"
    # Connected to the same vetted 127.0.0.1, but the certificate names news.test, not other.test.
    (wrong,) = list(read_paths([f"https://other.test:{tls_server.port}/b"], fetch_options=opts))
    assert wrong.error.code == "NF403" and "other.test" in wrong.line()


def test_header_charset_decodes_except_the_latin1_default(server: LocalServer) -> None:
    quote = "\u201cThe quay stays shut,\u201d the harbour master said on Monday, \u00e9tonn\u00e9e."
    body = PAGE_B.replace("</article>", f"<p>{quote}</p></article>")
    server.routes["/1252"] = serve(body.encode("cp1252"), Content_Type="text/html; charset=windows-1252")
    # Sent as ISO-8859-1 (the old HTTP default) but written in UTF-8, as its <meta> says: the page wins.
    utf8 = body.replace("<head>", '<head><meta charset="utf-8">').encode("utf-8")
    server.routes["/latin1"] = serve(utf8, Content_Type="text/html; charset=ISO-8859-1")
    out = list(read_paths([server.url("/1252"), server.url("/latin1")], fetch_options=OPTS))
    a, b = articles(out)
    assert quote in a.text and a.encoding == "cp1252"
    assert quote in b.text and b.encoding == "utf-8"


def test_unconditional_304_is_an_error_not_silence(server: LocalServer) -> None:
    server.routes["/odd"] = serve("", 304)
    (failure,) = list(read_paths([server.url("/odd")], fetch_options=OPTS))
    assert failure.error.code == "NF404" and "not conditional" in failure.line()


# --- feed files on disk: their items' links fetched only with follow_links ----------------------------


def test_feed_file_items_are_fetched_only_with_follow_links(
    server: LocalServer, page: str, tmp_path: Path
) -> None:
    from dataclasses import replace

    server.routes["/a"] = serve(page)
    own = "“The wall will hold,” the council leader said."
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Wed, 15 Nov 2023 07:00:00 GMT</pubDate><description>{own} ({n})</description></item>"
        for n, link in enumerate([server.url("/a"), server.url("/gone"), "http://169.254.169.254/latest/"])
    )
    saved = tmp_path / "saved.rss"
    saved.write_text(f'<rss version="2.0"><channel><title>Courier Feed</title>{items}</channel></rss>')

    out = list(read_paths([str(saved)], fetch_options=OPTS))
    assert server.paths() == [] and not failures(out)  # by default nothing is fetched
    assert [a.text for a in articles(out)] == [f"{own} ({n})" for n in range(3)]

    out = list(read_paths([str(saved)], fetch_options=replace(OPTS, follow_links=True)))
    assert server.paths() == ["/a", "/gone"]  # the metadata address is refused before any connection
    fetched, gone, private = articles(out)
    assert (fetched.doc, fetched.title, fetched.outlet) == (
        server.url("/a"), "Council approves harbour wall", "The Westport Courier")
    assert "harbour wall" in fetched.text and own not in fetched.text
    # an item whose page cannot be fetched is reported, and read from the feed's own text
    assert gone.text == f"{own} (1)" and private.text == f"{own} (2)"
    assert [f.error.code for f in failures(out)] == ["NF404", "NF402"]
    assert all(f"item of {saved}; read from the feed's own text instead" in f.line() for f in failures(out))
