"""The ingest stage: read text, HTML, JSONL and article-index files into `Article`s.

Every reader keeps the text exactly as newsfold reads it (offsets index it), records the encoding, and
marks scraping residue at the edges of plain text. Batch readers yield a `Failure` for each bad input or
line and go on.
"""

from __future__ import annotations

from newsfold.ingest.encoding import decode
from newsfold.ingest.html import read_html
from newsfold.ingest.index import read_index
from newsfold.ingest.jsonl import read_json, read_jsonl
from newsfold.ingest.paths import read_paths
from newsfold.ingest.residue import find_residue
from newsfold.ingest.text import read_text_file

__all__ = [
    "decode",
    "find_residue",
    "read_html",
    "read_index",
    "read_json",
    "read_jsonl",
    "read_paths",
    "read_text_file",
]
