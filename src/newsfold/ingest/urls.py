"""Read an http(s) URL into Articles: an article page, or a feed whose every new item is fetched and read.

Whether a URL is a feed or a page is decided by what comes back (the bytes first, then the
Content-Type), not by how the URL looks. With a memory (`FetchOptions.cache_path`, or any
`FetchMemory`), a URL is fetched conditionally and a feed's items read before are skipped, so reading a
feed day after day fetches only what is new.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Generator, Iterator
from urllib.parse import urlsplit

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.feeds import Feed, FeedItem, looks_like_feed, parse_feed
from newsfold.ingest.fetch import FetchOptions, Response, fetch
from newsfold.ingest.fetchcache import FetchCache, FetchMemory
from newsfold.ingest.html import looks_like_html, read_html
from newsfold.ingest.metadata import host_name, outlet_name
from newsfold.ingest.text import text_article, text_from_bytes
from newsfold.models import Article

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Two letters at least, so a Windows drive (C://) is never taken for a scheme.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(path: str) -> bool:
    """Whether a PATH argument is a URL (any scheme: those other than http(s) are refused when read)."""
    return bool(_URL.match(path))


def classify(resp: Response) -> str | None:
    """ "feed", "html" or "text" for a fetched body, by sniffing its start, then by its Content-Type."""
    if looks_like_feed(resp.body):
        return "feed"
    if resp.content_type in HTML_TYPES or looks_like_html(resp.body):
        return "html"
    if resp.content_type in FEED_TYPES:
        return "feed"  # XML that does not start like a feed: parse_feed says what is wrong with it
    if resp.content_type in ("text/plain", ""):
        return "text"
    return None


def _decoded(resp: Response) -> tuple[str, str] | None:
    """The body decoded with the charset the server names, when it names one that decodes cleanly.

    None leaves decoding to the readers (BOM, <meta> charset, detection): when there is a BOM, when no
    charset is named, and when it is Latin-1 or ASCII, which servers send as the old HTTP/1.0 default
    whatever the page is written in.
    """
    if not resp.charset or resp.body.startswith(_BOMS):
        return None
    try:
        codec = codecs.lookup(resp.charset).name
        if codec in ("iso8859-1", "latin-1", "ascii"):
            return None
        return resp.body.decode(codec), codec
    except (LookupError, UnicodeDecodeError):
        return None


def page_article(resp: Response, kind: str, *, doc: str, source: str) -> Article:
    """An Article from a fetched page or text (`kind` from `classify`); raises NewsfoldError."""
    decoded = _decoded(resp)
    if kind == "html":
        if decoded:
            article = read_html(decoded[0], doc=doc, source=source, url=resp.url)
            article.encoding = decoded[1]
            return article
        return read_html(resp.body, doc=doc, source=source, url=resp.url)
    if decoded:
        article = text_article(decoded[0], doc=doc, source=source, encoding=decoded[1])
    else:
        article = text_from_bytes(resp.body, doc=doc, source=source)
    article.url = resp.url
    return article


def _fill(article: Article, item: FeedItem, feed_title: str | None, url: str) -> Article:
    """The feed's metadata where the page has none: the page knows best what it says about itself."""
    article.title = article.title or item.title
    article.date = article.date or item.date
    article.author = article.author or item.author
    # A page without a site name is named after its host; a feed's title names the outlet better.
    host = urlsplit(url).netloc.lower()
    if not article.outlet or article.outlet.lower() in (host, host.removeprefix("www."), host_name(url)):
        article.outlet = outlet_name(feed_title, url) or article.outlet
    return article


class Fetcher:
    """Reads URLs with one set of options and one memory; call `close` (or use `with`) to save it."""

    def __init__(self, options: FetchOptions | None = None, memory: FetchMemory | None = None) -> None:
        self.options = options or FetchOptions()
        if memory is None and self.options.cache_path is not None:
            memory = FetchCache(self.options.cache_path)
        self.memory = memory

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.memory is not None:
            self.memory.save()

    def get(self, url: str, *, conditional: bool = True) -> Response:
        """Fetch `url`, conditionally when the memory holds validators for it."""
        validators = self.memory.validators(url) if self.memory is not None and conditional else None
        return fetch(url, self.options, validators=validators)

    def _remember(self, url: str, resp: Response) -> None:
        if self.memory is not None:
            self.memory.remember(url, resp.headers.get("etag"), resp.headers.get("last-modified"))

    def read(self, url: str) -> Iterator[Article | Failure]:
        """Articles from `url` (one for a page, one per new item for a feed), a Failure for each problem.

        Nothing comes out when the server says the URL has not changed since it was last read.
        """
        try:
            resp = self.get(url)
            if resp.not_modified:
                return
            kind = classify(resp)
            if kind is None:
                raise NewsfoldError("NF409", url, f"the content type {resp.content_type!r} is not read")
            if kind != "feed":
                article = page_article(resp, kind, doc=url, source=url)
        except NewsfoldError as err:
            yield Failure(url, err)
            return
        if kind == "feed":
            yield from self._read_feed(url, resp)
            return
        self._remember(url, resp)
        yield article
        if self.memory is not None:
            self.memory.save()

    def _read_feed(self, url: str, resp: Response) -> Iterator[Article | Failure]:
        try:
            feed = parse_feed(resp.body, source=url, base_url=resp.url)
        except NewsfoldError as err:
            yield Failure(url, err)
            return
        failed = yield from self.feed_items(feed, url)
        if self.memory is not None:
            # A feed is answered "not modified" only when every item got through, so failed items are
            # tried again on the next read (the items that did get through are skipped then).
            if failed:
                self.memory.forget(url)
            else:
                self._remember(url, resp)
            self.memory.save()

    def feed_items(
        self, feed: Feed, source: str, own_text: Callable[[int, FeedItem], Article] | None = None
    ) -> Generator[Article | Failure, None, bool]:
        """Fetch and read the page of each of the feed's items (`source` names the feed), new ones only
        when there is a memory; returns whether any item failed.

        `own_text(n, item)`, when given (a feed saved on disk holds each item's HTML), reads the n-th
        item (from 1) from the feed itself when it has no link, or when its page cannot be fetched:
        the failure is still reported, and the article is not lost.
        """
        failed = False
        items = feed.items
        if len(items) > self.options.max_feed_items:
            failed = True
            yield Failure(
                source,
                NewsfoldError(
                    "NF408",
                    source,
                    f"the feed lists {len(items)} items; only the first "
                    f"{self.options.max_feed_items} are read",
                ),
            )
            items = items[: self.options.max_feed_items]
        done: set[str] = set()
        for n, item in enumerate(items, start=1):
            if self.memory is not None and item.key and self.memory.seen(source, item.key):
                continue
            if not item.link:
                own = _own(own_text, n, item)
                if isinstance(own, Article):
                    yield own
                    continue
                failed = True
                name = f"{item.title!r}" if item.title else "an item"
                detail = f"{name} of the feed has no link to fetch"
                yield Failure(source, NewsfoldError("NF408", source, detail))
                continue
            if item.link in done:
                continue
            done.add(item.link)
            try:
                page = self.get(item.link, conditional=False)
                kind = classify(page)
                if kind not in ("html", "text"):
                    raise NewsfoldError(
                        "NF409",
                        item.link,
                        f"a feed item's link gives {kind or page.content_type!r}, not an article page",
                    )
                article = page_article(page, kind, doc=item.link, source=item.link)
                article = _fill(article, item, feed.title, page.url)
            except NewsfoldError as err:
                failed = True
                own = _own(own_text, n, item)
                instead = "; read from the feed's own text instead" if isinstance(own, Article) else ""
                detail = f"{err.detail} (item of {source}{instead})"
                yield Failure(item.link, NewsfoldError(err.code, err.source, detail))
                if isinstance(own, Article):
                    yield own
                continue
            yield article
            # Marked only once the article has been taken: a run stopped before leaves it to the next run.
            if self.memory is not None:
                self.memory.mark_seen(source, [item.key or item.link])
        return failed


def _own(own_text: Callable[[int, FeedItem], Article] | None, n: int, item: FeedItem) -> Article | None:
    """The item read from the feed's own HTML, or None when there is no reader or it holds no text."""
    if own_text is None:
        return None
    try:
        return own_text(n, item)
    except NewsfoldError:
        return None
