"""HTML pages: main text and metadata through trafilatura, the date through htmldate as a fallback.

Nothing here touches the network: trafilatura and htmldate are only ever given a parsed tree, never a
URL (htmldate downloads when handed a string that looks like one).
"""

from __future__ import annotations

import codecs
import copy
import re
from typing import Any

import htmldate
import trafilatura
from lxml.html import HtmlElement

from newsfold.errors import NewsfoldError
from newsfold.ingest.encoding import decode
from newsfold.ingest.metadata import host_of, page_names
from newsfold.models import Article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIFF = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)


def looks_like_html(data: bytes) -> bool:
    """Whether a file's bytes start like an HTML document (so a misnamed .txt page is still parsed)."""
    return bool(_SNIFF.match(data[:2048]))


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode an HTML page: a BOM wins, then a <meta> charset that decodes cleanly, then `decode`."""
    if not data.startswith(_BOMS):
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                codec = codecs.lookup(m.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                codec = None
            # Browsers read pages labelled Latin-1 or ASCII as windows-1252 (WHATWG encoding standard).
            if codec in ("iso8859-1", "latin-1", "ascii"):
                codec = "cp1252"
            if codec:
                try:
                    return data.decode(codec), codec
                except UnicodeDecodeError:
                    pass
    return decode(data, source)


def _canonical(tree: HtmlElement) -> str | None:
    for href in tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href'):
        href = str(href).strip()
        if href:
            return href
    return None


# Page furniture dropped before extraction: trafilatura's fallback extractors take whatever body text is
# left when the main extractor finds nothing, so a page with only a menu would yield the menu.
_PRUNE = ["//nav", "//aside", "//footer", '//*[@role="navigation"]', '//*[@role="contentinfo"]']


def _extract(tree: HtmlElement, url: str | None) -> Any:
    """trafilatura's Document for the page, preferring precision, retrying with defaults if that is empty."""
    for precision in (True, False):
        # trafilatura prunes the tree it is given, so each pass gets its own copy.
        found = trafilatura.bare_extraction(
            copy.deepcopy(tree),
            url=url,
            favor_precision=precision,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            prune_xpath=_PRUNE,
        )
        if found is not None and found.text and found.text.strip():
            return found
    return found


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph a line; newsfold separates paragraphs by a blank line."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


#: Main-text extraction grows much faster than the page: a 20 MB page takes trafilatura minutes. A news
#: page is well under a megabyte of HTML, so a page over this many characters is refused (NF111) at once
#: rather than holding up the run.
MAX_HTML_CHARS = 5_000_000


def read_html(html: str | bytes, *, doc: str, source: str, url: str | None = None) -> Article:
    """An Article from an HTML page: trafilatura's main text, title, author and date, and the outlet.

    The title and outlet are cleaned from the page's own metadata (see `ingest.metadata`): no site
    name in the title, no tagline in the outlet, the host only when the page names no site. `url` is
    used when the page has no canonical link. Raises NewsfoldError NF108 when no main text is
    found (NF102/NF103 when bytes cannot be decoded).
    """
    encoding: str | None = None
    if isinstance(html, bytes):
        html, encoding = decode_html(html, source)
    if not html.strip():
        raise NewsfoldError("NF104", source)
    if len(html) > MAX_HTML_CHARS:
        raise NewsfoldError("NF111", source, f"the HTML page has {len(html):,} characters, over the "
                            f"{MAX_HTML_CHARS:,} whose main text newsfold extracts")
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise NewsfoldError("NF108", source, "the page could not be parsed as HTML")
        canonical = _canonical(tree)
        found = _extract(tree, canonical or url)
    except NewsfoldError:
        raise
    except (ValueError, TypeError, RecursionError) as exc:  # lxml and trafilatura on malformed pages
        raise NewsfoldError("NF108", source, f"the page could not be parsed: {exc}") from exc
    text = _paragraphs(found.text) if found is not None and found.text else ""
    if not text:
        raise NewsfoldError("NF108", source)
    date = found.date
    if not date:
        date = htmldate.find_date(tree, extensive_search=True, original_date=True, url=canonical or url)
    # The site is named after the first of these with a host (a canonical link may be relative).
    site_url = next((u for u in (canonical, url, found.url) if host_of(u)), None)
    names = page_names(tree, url=site_url, title=found.title)
    return Article(
        doc=doc,
        text=text,
        source=source,
        title=names.title,
        date=date or None,
        author=found.author or None,
        outlet=names.outlet,
        url=canonical or url or found.url or None,
        encoding=encoding,
    )
