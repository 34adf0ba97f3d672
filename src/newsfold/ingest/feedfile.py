"""Feed files on disk (a saved RSS 2.0, RSS 1.0 or Atom document): each item an article.

An item's own HTML (`content:encoded`, Atom `content`, `description`, `summary`: the fullest there is)
goes through the main-text extraction HTML pages go through; an item's HTML is often a paragraph or
two, too little for trafilatura to call anything main text, so when it finds none the item's block
elements are read as paragraphs instead. The item's title, date, author and link are its metadata, the
channel's title its outlet. Nothing is fetched unless `FetchOptions.follow_links` asks for the items'
pages, which are then fetched by `ingest.urls.Fetcher` with every guard a fetched feed has.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.feeds import Feed, FeedItem, parse_feed
from newsfold.ingest.html import read_html
from newsfold.ingest.text import DEFAULT_MAX_BYTES, StrPath, read_bytes, text_article
from newsfold.ingest.urls import Fetcher
from newsfold.models import Article

FEED_SUFFIXES = (".rss", ".atom", ".rdf")
_TAG = re.compile(r"<[A-Za-z!/?]")
# Elements whose text is a paragraph of its own when an item's HTML is read without trafilatura.
_BLOCKS = ("p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dd", "dt",
           "figcaption", "section", "article", "header", "footer", "table", "ul", "ol")
_DROP = "//script|//style|//noscript|//template|//iframe|//object|//embed|//svg|//form"


def _fragment_text(markup: str) -> str:
    """The text of an HTML fragment, one paragraph per block element, paragraphs split by a blank line."""
    try:
        # parsed as a whole document: lxml's fragment parser fails an assertion on a fragment that
        # opens with <html><head> (found by fuzzing), and an item's HTML may be a page of its own
        doc = lxml_html.document_fromstring(f"<html><body><div>{markup}</div></body></html>")
    except (ValueError, etree.LxmlError, RecursionError):
        return ""
    bodies = doc.xpath("//body")
    root = bodies[0] if bodies else doc
    for node in root.xpath(_DROP):
        node.drop_tree()
    for node in root.iter("br"):
        node.tail = "\n" + (node.tail or "")
    for node in root.iter(*_BLOCKS):
        node.text = "\n\n" + (node.text or "")
        node.tail = "\n\n" + (node.tail or "")
    paragraphs = (" ".join(line.split()) for line in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)


def item_text(markup: str, *, doc: str, source: str, url: str | None = None) -> Article:
    """An Article from one item's HTML (or plain text): main text, else its paragraphs. Raises NF104."""
    if not _TAG.search(markup):  # plain text, as RSS descriptions often are: only entities to undo
        return text_article(html.unescape(markup).strip(), doc=doc, source=source)
    try:
        return read_html(f"<html><body><article>{markup}</article></body></html>", doc=doc, source=source,
                         url=url)
    except NewsfoldError as err:
        if err.code != "NF108":
            raise
    text = _fragment_text(markup)
    if not text:
        raise NewsfoldError("NF104", source, "the feed item's HTML holds no text")
    article = text_article(text, doc=doc, source=source)
    article.url = url
    return article


def item_article(feed: Feed, item: FeedItem, n: int, path: str) -> Article:
    """The n-th item (from 1) of a feed read from `path`, named by its link (`<path>#<n>` without one).

    Raises NewsfoldError NF104 when the item holds no text of its own."""
    source = f"{path}#{n}"
    if not item.content:
        raise NewsfoldError("NF104", source, "the feed item holds no text of its own")
    article = item_text(item.content, doc=item.link or source, source=source, url=item.link)
    # the feed says what the item is; what extraction guessed from a bare fragment is the fallback
    article.title = item.title or article.title
    article.date = item.date or article.date
    article.author = item.author or article.author
    article.outlet = feed.title or article.outlet
    article.url = item.link or article.url
    return article


def _absolute_links(feed: Feed) -> None:
    """Resolve relative item links against the channel's link, as a reader of the saved page would."""
    base = feed.link
    if not base or not base.lower().startswith(("http://", "https://")):
        return
    for item in feed.items:
        if item.link and not item.link.lower().startswith(("http://", "https://")):
            try:
                item.link = urljoin(base, item.link)
            except ValueError:
                pass


def read_feed_file(
    path: StrPath,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Failure]:
    """Every item of a feed file as an Article, in feed order; a Failure for a malformed feed (NF408,
    one line for the file), and one line for the items that hold no text of their own (NF104).

    `data` is the file's bytes when already read. With a `fetcher` whose options say `follow_links`,
    each item's link is fetched instead (an item whose page cannot be fetched is read from the feed).
    """
    name = str(path)
    try:
        raw = read_bytes(path, max_bytes=max_bytes) if data is None else data
        feed = parse_feed(raw, source=name)
    except NewsfoldError as err:
        yield Failure(name, err)
        return
    _absolute_links(feed)
    if not feed.items:
        yield Failure(name, NewsfoldError("NF104", name, f"the {feed.kind} feed lists no items"))
        return
    if fetcher is not None and fetcher.options.follow_links:
        yield from fetcher.feed_items(feed, name, lambda n, item: item_article(feed, item, n, name))
        return
    empty = 0
    for n, item in enumerate(feed.items, start=1):
        if not item.content:
            empty += 1
            continue
        try:
            yield item_article(feed, item, n, name)
        except NewsfoldError as err:
            yield Failure(err.source, err)
    if empty:
        holds = "holds no text of its own" if empty == 1 else "hold no text of their own"
        detail = (f"{empty} of the feed's {len(feed.items)} items {holds}, only a title and link: "
                  "--follow-links fetches their pages")
        yield Failure(name, NewsfoldError("NF104", name, detail))
