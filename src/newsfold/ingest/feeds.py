"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: the items' links, title, date and author, and their own HTML.

A feed is XML from a stranger, so it is parsed by defusedxml: entity declarations (the "billion
laughs" bomb, external entities that read local files or reach the network) are refused, never
expanded. What is read is what newsfold needs to fetch each article, fill gaps in its metadata, and
read a saved feed's items from their own HTML (`content:encoded`, Atom `content`, `description`,
`summary`) without fetching anything.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from newsfold.errors import NewsfoldError

ATOM = "{http://www.w3.org/2005/Atom}"
ATOM03 = "{http://purl.org/atom/ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"

# What a feed's root element looks like after an optional BOM, XML declaration, comments and DOCTYPE.
_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)\s*)*"
    rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)\b",
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


@dataclass
class FeedItem:
    """One entry of a feed: `link` is the article to fetch; `key` identifies the entry across reads."""

    link: str | None
    key: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, as newsfold dates articles
    author: str | None = None
    content: str | None = None  # the item's own HTML (plain text escaped), fullest first; None: none


@dataclass
class Feed:
    kind: str  # "rss", "rdf" or "atom"
    title: str | None = None
    link: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def looks_like_feed(data: bytes) -> bool:
    """Whether bytes start like an RSS or Atom document (so a feed served as text/html is still read)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: sniff the decoded start
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return bool(_FEED_ROOT.match(head))


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    text = _SPACE.sub(" ", "".join(el.itertext())).strip()
    return text or None


def _plain(el: Element | None) -> str | None:
    """Text of a title-like element; Atom's type="html" (and RSS titles, often escaped HTML) lose tags."""
    text = _text(el)
    if text and ("<" in text or "&" in text):
        text = _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", text))).strip()
    return text or None


def _markup(el: Element | None) -> str | None:
    """An element holding HTML as its text (RSS `description`, `content:encoded`, Atom type="html"), or
    inline XHTML as child elements (Atom type="xhtml"), as one HTML string; None when it holds nothing."""
    if el is None:
        return None
    if len(el):
        inline = copy.deepcopy(el)
        for node in inline.iter():  # XHTML's namespace would turn <p> into <html:p> when serialised
            if isinstance(node.tag, str) and node.tag.startswith("{"):
                node.tag = node.tag.split("}", 1)[1]
        parts = [inline.text or ""] + [tostring(child, encoding="unicode") for child in inline]
        markup = "".join(parts)
    else:
        markup = el.text or ""
    return markup if markup.strip() else None


def _atom_content(el: Element | None) -> str | None:
    """Atom `content` or `summary` as HTML: type="text" (the default) is escaped, so it stays text."""
    if el is None or el.get("src"):  # out-of-line content is a link, not text
        return None
    kind = (el.get("type") or "text").strip().lower()
    if kind in ("html", "xhtml", "text/html", "application/xhtml+xml"):
        return _markup(el)
    if kind == "text" or kind.startswith("text/"):
        text = "".join(el.itertext())
        return html.escape(text, quote=False) if text.strip() else None
    return None  # base64 media and other types are not article text


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def iso_date(value: str | None) -> str | None:
    """A feed date (RFC 822 in RSS, RFC 3339 in Atom and Dublin Core) as YYYY-MM-DD, None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    return None


def _link(href: str | None, base: str | None) -> str | None:
    if not href or not href.strip():
        return None
    href = href.strip()
    try:
        return urljoin(base, href) if base else href
    except ValueError:
        return href


def _atom_link(entry: Element, ns: str) -> str | None:
    """The entry's alternate link (rel absent or "alternate"), preferring an HTML one."""
    best = None
    for link in entry.findall(f"{ns}link"):
        rel = (link.get("rel") or "alternate").strip()
        if rel != "alternate" or not link.get("href"):
            continue
        if (link.get("type") or "text/html").startswith(("text/html", "application/xhtml")):
            return link.get("href")
        best = best or link.get("href")
    return best


def _rss_items(channel: Element, root: Element, base: str | None) -> list[FeedItem]:
    items = []
    for item in channel.findall("item") or root.findall("item"):
        guid_el = item.find("guid")
        guid = _text(guid_el)
        link = _text(item.find("link"))
        permalink = guid_el is not None and (guid_el.get("isPermaLink") or "true").strip().lower() != "false"
        if not link and guid and permalink and guid.lower().startswith(("http://", "https://")):
            link = guid
        link = _link(link, base)
        items.append(
            FeedItem(
                link=link,
                key=guid or link or _text(item.find("title")) or "",
                title=_plain(item.find("title")),
                date=iso_date(_text(item.find("pubDate")) or _text(item.find(f"{DC}date"))),
                author=_text(item.find(f"{DC}creator")) or _text(item.find("author")),
                content=_first(_markup(item.find(f"{CONTENT}encoded")), _markup(item.find("description"))),
            )
        )
    return items


def _rss(root: Element, base: str | None) -> Feed:
    channel = root.find("channel")
    channel = channel if channel is not None else root
    return Feed(
        kind="rss",
        title=_plain(channel.find("title")),
        link=_link(_text(channel.find("link")), base),
        items=_rss_items(channel, root, base),
    )


def _rdf(root: Element, base: str | None) -> Feed:
    channel = root.find(f"{RSS1}channel")
    items = []
    for item in root.findall(f"{RSS1}item"):
        link = _link(_text(item.find(f"{RSS1}link")) or item.get(f"{RDF}about"), base)
        items.append(
            FeedItem(
                link=link,
                key=item.get(f"{RDF}about") or link or "",
                title=_plain(item.find(f"{RSS1}title")),
                date=iso_date(_text(item.find(f"{DC}date"))),
                author=_text(item.find(f"{DC}creator")),
                content=_first(
                    _markup(item.find(f"{CONTENT}encoded")),
                    _markup(item.find(f"{RSS1}description")),
                    _markup(item.find(f"{DC}description")),
                ),
            )
        )
    return Feed(
        kind="rdf",
        title=_plain(channel.find(f"{RSS1}title")) if channel is not None else None,
        link=_link(_text(channel.find(f"{RSS1}link")), base) if channel is not None else None,
        items=items,
    )


def _atom(root: Element, ns: str, base: str | None) -> Feed:
    items = []
    for entry in root.findall(f"{ns}entry"):
        link = _link(_atom_link(entry, ns), base)
        author = entry.find(f"{ns}author")
        if author is None:
            author = root.find(f"{ns}author")
        date = entry.find(f"{ns}published")
        for name in ("updated", "issued", "modified"):
            date = date if date is not None else entry.find(f"{ns}{name}")
        items.append(
            FeedItem(
                link=link,
                key=_text(entry.find(f"{ns}id")) or link or "",
                title=_plain(entry.find(f"{ns}title")),
                date=iso_date(_text(date)),
                author=_text(author.find(f"{ns}name")) if author is not None else None,
                content=_first(
                    _atom_content(entry.find(f"{ns}content")), _atom_content(entry.find(f"{ns}summary"))
                ),
            )
        )
    return Feed(
        kind="atom",
        title=_plain(root.find(f"{ns}title")),
        link=_link(_atom_link(root, ns), base),
        items=items,
    )


def parse_feed(data: bytes, *, source: str, base_url: str | None = None) -> Feed:
    """Parse an RSS 2.0, RSS 1.0 or Atom document; relative links are resolved against `base_url`.

    Raises NewsfoldError NF408 for XML that is malformed, declares entities or a DTD with them, or is
    not a feed.
    """
    try:
        # defusedxml refuses entity declarations and external references; a plain DOCTYPE is allowed
        # (RSS 0.91 feeds carry Netscape's) and its external DTD is never loaded.
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise NewsfoldError("NF408", source, f"refused unsafe XML ({type(exc).__name__}): {exc}") from exc
    except ParseError as exc:
        raise NewsfoldError("NF408", source, f"malformed XML: {exc}") from exc
    except (ValueError, LookupError, UnicodeError, RecursionError) as exc:
        raise NewsfoldError("NF408", source, f"unreadable XML: {type(exc).__name__}: {exc}") from exc
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == "rss" or tag == "channel":
        return _rss(root, base_url)
    if tag == f"{RDF}RDF":
        return _rdf(root, base_url)
    if tag == f"{ATOM}feed":
        return _atom(root, ATOM, base_url)
    if tag == f"{ATOM03}feed":
        return _atom(root, ATOM03, base_url)
    raise NewsfoldError("NF408", source, f"the XML root <{tag}> is not an RSS or Atom feed")
