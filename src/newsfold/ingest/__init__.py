"""The ingest stage: read text, HTML, JSONL and article-index files, and http(s) URLs of article pages
and RSS/Atom feeds, into `Article`s.

Every reader keeps the text exactly as newsfold reads it (offsets index it), records the encoding, and
marks scraping residue at the edges of plain text. Batch readers yield a `Failure` for each bad input or
line and go on.
"""

from __future__ import annotations

from newsfold.ingest.encoding import decode
from newsfold.ingest.feeds import parse_feed
from newsfold.ingest.fetch import FetchOptions
from newsfold.ingest.fetchcache import FetchCache, FetchMemory
from newsfold.ingest.html import read_html
from newsfold.ingest.index import read_index
from newsfold.ingest.jsonl import read_json, read_jsonl
from newsfold.ingest.paths import read_paths
from newsfold.ingest.residue import find_residue
from newsfold.ingest.text import read_text_file
from newsfold.ingest.urls import Fetcher

__all__ = [
    "FetchCache",
    "FetchMemory",
    "FetchOptions",
    "Fetcher",
    "decode",
    "find_residue",
    "parse_feed",
    "read_html",
    "read_index",
    "read_json",
    "read_jsonl",
    "read_paths",
    "read_text_file",
]
