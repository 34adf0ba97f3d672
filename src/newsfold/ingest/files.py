"""One article file of either kind: HTML by extension or by sniffing its first bytes, else plain text."""

from __future__ import annotations

from newsfold.ingest.html import looks_like_html, read_html
from newsfold.ingest.text import DEFAULT_MAX_BYTES, StrPath, read_bytes, text_from_bytes
from newsfold.models import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def read_article_file(
    path: StrPath, *, doc: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> Article:
    """Read one text or HTML article file; `doc` defaults to the path as given. Raises NewsfoldError."""
    source = str(path)
    data = read_bytes(path, max_bytes=max_bytes)
    if source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
        return read_html(data, doc=doc or source, source=source)
    return text_from_bytes(data, doc=doc or source, source=source)
