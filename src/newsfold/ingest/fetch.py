"""Fetch one URL over HTTP(S), on the standard library alone, with every cap a stranger's server needs.

Each hop is vetted (`netguard.vet_url`) and connected to one of the vetted addresses, never to a name
resolved again; redirects are followed here, hop by hop, so each new location is vetted too. Bodies are
read in chunks and abandoned past the size cap, gzip and deflate are inflated under the same cap, and
a watchdog closes the socket at the deadline so a server dripping one byte at a time cannot hold a run.
Environment proxies are ignored: a proxy would connect to addresses newsfold never vetted.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import quote, urljoin

from newsfold import __version__
from newsfold.errors import NewsfoldError
from newsfold.ingest.decompress import decompress
from newsfold.ingest.netguard import Target, vet_url

USER_AGENT = f"newsfold/{__version__} (news coverage reader; Python http.client)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
REDIRECTS = (301, 302, 303, 307, 308)
MAX_RETRY_WAIT = 30.0  # seconds: the longest a Retry-After makes a retry wait
_CHUNK = 65536
_PATH_SAFE = "!#$%&'()*+,/:;=?@[]~"  # kept as written; spaces and non-ASCII are percent-encoded


@dataclass(frozen=True)
class FetchOptions:
    """How newsfold fetches: caps, retries, what it remembers, and whether loopback is allowed.

    `timeout` bounds each connect and each read; `deadline` the whole of one request, body included.
    `max_bytes` caps the body both as sent and once decompressed. `retries` more attempts follow a 5xx
    or a failed connection (never a 4xx), waiting `backoff`, then twice that, and so on. `cache_path`
    is the file remembering validators and feed items already read (None: remember nothing, so every
    run fetches everything). `allow_loopback` is for tests against a local server only. `follow_links`
    fetches the page each item of a feed file on disk links to (otherwise the item is read from the
    feed's own HTML and nothing is fetched); a feed fetched from a URL always has its items fetched.
    """

    timeout: float = 15.0
    deadline: float = 60.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    allow_loopback: bool = False
    user_agent: str = USER_AGENT
    cache_path: str | None = None
    max_feed_items: int = 500
    follow_links: bool = False


@dataclass
class Response:
    """A fetched resource: `status` 200-299, or 304 when the validators sent still hold (empty body)."""

    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # names lowercased
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None


class _Retry(Exception):
    """An attempt that may succeed if tried again: a failed connection or a 5xx answer."""

    def __init__(self, error: NewsfoldError, wait: float = 0.0) -> None:
        super().__init__(error.line())
        self.error = error
        self.wait = wait


def _connect(addresses: tuple[str, ...], port: int, timeout: float) -> socket.socket:
    """A socket to the first vetted address that answers (as `socket.create_connection` tries each)."""
    last: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except OSError as exc:
            last = exc
    raise last or OSError("no address to connect to")


class _VettedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to the vetted addresses of its target; Host names the host as written."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._addresses = target.addresses
        # Kept apart from `sock`, which http.client clears once the response owns the connection.
        self.opened: socket.socket | None = None

    def connect(self) -> None:
        self.sock = self.opened = _connect(self._addresses, self.port, self.timeout)


_TLS = ssl.create_default_context()


class _VettedHTTPSConnection(_VettedHTTPConnection):
    """HTTPS to a vetted address; the certificate is checked against the host name, not the address."""

    default_port = 443

    def connect(self) -> None:
        sock = _connect(self._addresses, self.port, self.timeout)
        self.opened = sock
        try:
            self.sock = self.opened = _TLS.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def _headers(resp: http.client.HTTPResponse) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in resp.getheaders():
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _read_capped(resp: http.client.HTTPResponse, max_bytes: int, source: str) -> bytes:
    length = resp.getheader("content-length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise NewsfoldError(
            "NF406", source, f"the server announces {int(length)} bytes, over the cap of {max_bytes}"
        )
    body = bytearray()
    while chunk := resp.read1(_CHUNK):
        body += chunk
        if len(body) > max_bytes:
            raise NewsfoldError("NF406", source, f"the body runs past the cap of {max_bytes} bytes")
    if resp.length:  # read1 ends quietly when the connection drops short of Content-Length
        raise http.client.IncompleteRead(bytes(body), resp.length)
    return bytes(body)


def _decoded(body: bytes, headers: dict[str, str], max_bytes: int, source: str) -> bytes:
    # Codings are listed in the order they were applied, so they are undone from the last.
    for coding in reversed([c for c in headers.get("content-encoding", "").split(",") if c.strip()]):
        body = decompress(body, coding, max_bytes=max_bytes, source=source)
    return body


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _retry_after(headers: dict[str, str]) -> float:
    value = headers.get("retry-after", "").strip()
    return min(float(value), MAX_RETRY_WAIT) if value.isdigit() else 0.0


def _attempt(
    target: Target, options: FetchOptions, request_headers: dict[str, str], source: str
) -> tuple[int, dict[str, str], bytes]:
    """One request to one vetted target: status, headers and the body (read only for 2xx answers)."""
    cls = _VettedHTTPSConnection if target.scheme == "https" else _VettedHTTPConnection
    conn = cls(target, options.timeout)
    expired = threading.Event()

    def expire() -> None:
        # Closing the socket under a blocked read makes it return at once, however slowly bytes drip.
        expired.set()
        sock = conn.opened
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(options.deadline, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        try:
            conn.connect()
        except ssl.SSLCertVerificationError as exc:
            raise NewsfoldError(
                "NF403", source, f"the TLS certificate of {target.host} is not valid: {exc.verify_message}"
            ) from exc
        except OSError as exc:
            if expired.is_set():
                raise NewsfoldError("NF405", source, f"no answer within {options.deadline:g} s") from exc
            raise _Retry(NewsfoldError("NF403", source, f"cannot connect to {target.host}: {exc}")) from exc
        try:
            conn.request("GET", quote(target.path, safe=_PATH_SAFE), headers=request_headers)
            resp = conn.getresponse()
            headers = _headers(resp)
            status = resp.status
            if 200 <= status < 300:
                body = _decoded(
                    _read_capped(resp, options.max_bytes, source), headers, options.max_bytes, source
                )
            else:
                body = b""
        except NewsfoldError:
            raise
        except TimeoutError as exc:
            raise NewsfoldError("NF405", source, f"no answer within {options.timeout:g} s") from exc
        except (OSError, http.client.HTTPException) as exc:
            if expired.is_set():
                raise NewsfoldError("NF405", source, f"not done within {options.deadline:g} s") from exc
            if isinstance(exc, OSError | http.client.IncompleteRead | http.client.RemoteDisconnected):
                raise _Retry(NewsfoldError("NF403", source, f"the connection failed: {exc!r}")) from exc
            raise NewsfoldError("NF403", source, f"the answer is not valid HTTP: {exc!r}") from exc
        if expired.is_set():
            raise NewsfoldError("NF405", source, f"not done within {options.deadline:g} s")
        if status >= 500:
            raise _Retry(
                NewsfoldError("NF404", source, f"HTTP {_status_line(status)}"), wait=_retry_after(headers)
            )
        return status, headers, body
    finally:
        watchdog.cancel()
        conn.close()


def _request(
    target: Target, options: FetchOptions, request_headers: dict[str, str], source: str
) -> tuple[int, dict[str, str], bytes]:
    """`_attempt` with retries: after a 5xx or a failed connection wait `backoff * 2**n`, then try again."""
    for attempt in range(options.retries + 1):
        try:
            return _attempt(target, options, request_headers, source)
        except _Retry as retry:
            if attempt == options.retries:
                raise retry.error from retry
            time.sleep(max(options.backoff * 2**attempt, retry.wait))
    raise AssertionError("unreachable")


def fetch(
    url: str, options: FetchOptions | None = None, *, validators: dict[str, str] | None = None
) -> Response:
    """GET `url`, following up to `options.max_redirects` redirects, each new location vetted first.

    `validators` (`etag`, `last_modified`) make the request conditional: a 304 comes back as a Response
    with `not_modified` set. Raises NewsfoldError, its source the URL given: NF401/NF402/NF403 from
    vetting, NF403 when the connection fails after retries, NF404 for an HTTP error status, NF405 on
    timeout, NF406 past the size cap, NF407 for redirect trouble.
    """
    options = options or FetchOptions()
    request_headers = {
        "User-Agent": options.user_agent,
        "Accept": ACCEPT,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    if validators:
        if validators.get("etag"):
            request_headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            request_headers["If-Modified-Since"] = validators["last_modified"]
    current = url
    for hop in range(options.max_redirects + 1):
        try:
            target = vet_url(current, allow_loopback=options.allow_loopback)
        except NewsfoldError as err:
            if hop == 0:
                raise
            raise NewsfoldError(err.code, url, f"redirected to {current}: {err.detail}") from err
        status, headers, body = _request(target, options, request_headers, url)
        if status in REDIRECTS:
            location = headers.get("location", "").strip()
            if not location:
                raise NewsfoldError("NF407", url, f"HTTP {status} redirect from {current} without a Location")
            current = urljoin(current, location)
            continue
        if (
            status == 304
            and "If-None-Match" not in request_headers
            and "If-Modified-Since" not in request_headers
        ):
            # "Not modified" since nothing: taking it as "nothing new" would lose the page in silence.
            raise NewsfoldError("NF404", url, "HTTP 304 Not Modified to a request that was not conditional")
        if status == 304 or 200 <= status < 300:
            return Response(url=current, status=status, headers=headers, body=body)
        if 300 <= status < 400:
            raise NewsfoldError(
                "NF407", url, f"HTTP {status} from {current} is not a redirect newsfold follows"
            )
        suffix = f" (redirected to {current})" if current != url else ""
        raise NewsfoldError("NF404", url, f"HTTP {_status_line(status)}{suffix}")
    raise NewsfoldError("NF407", url, f"more than {options.max_redirects} redirects (last to {current})")
