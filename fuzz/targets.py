"""Fuzz targets shared by the atheris runner and the regression replay in tests/fuzz.

`one_input(data)` feeds arbitrary bytes through every reader that takes bytes (plain text, HTML, JSONL,
RSS/Atom feeds, gzip and deflate bodies, WARC files) and then through extraction. A typed `NewsfoldError` is an
accepted outcome; any other exception is a crash, and so is an extraction whose spans do not point at
the article's own text.
"""

from __future__ import annotations

import json
from typing import Any

from newsfold.errors import NewsfoldError
from newsfold.ingest.html import read_html
from newsfold.ingest.jsonl import record_article
from newsfold.ingest.text import text_from_bytes
from newsfold.models import Article

_NLP: Any = None


def _model() -> Any:
    global _NLP
    if _NLP is None:
        from newsfold.nlp.model import load_model

        _NLP = load_model()
    return _NLP


def _articles(data: bytes) -> list[Article]:
    out: list[Article] = []
    readers = [
        lambda: text_from_bytes(data, doc="fuzz.txt", source="fuzz.txt"),
        lambda: read_html(data, doc="fuzz.html", source="fuzz.html"),
    ]
    for line in data.splitlines()[:4]:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        readers.append(lambda r=record: record_article(r, default_doc="fuzz.jsonl", source="fuzz.jsonl"))
    for read in readers:
        try:
            out.append(read())
        except NewsfoldError:
            pass
    return out


def check(article: Article, quotes: list) -> None:
    """Every returned span lies inside the article and quotes its own text."""
    text = article.text
    for q in quotes:
        if not (0 <= q.start <= q.end <= len(text)) or q.text != text[q.start:q.end]:
            raise AssertionError(f"quote span {q.start}:{q.end} does not index the article text")
        for span in (q.speaker_mention, q.cue, q.sentence, q.via_mention):
            if span is not None and span.text != text[span.start:span.end]:
                raise AssertionError(f"span {span.start}:{span.end} does not index the article text")


def _fetched(data: bytes) -> None:
    """What a fetched body meets before any reader: the feed parser and capped gzip/deflate."""
    from newsfold.ingest.decompress import decompress
    from newsfold.ingest.feeds import parse_feed

    for read in (
        lambda: parse_feed(data, source="fuzz.xml", base_url="https://fuzz.example/feed"),
        lambda: decompress(data, "gzip", max_bytes=1 << 20, source="fuzz.gz"),
        lambda: decompress(data, "deflate", max_bytes=1 << 20, source="fuzz.gz"),
    ):
        try:
            read()
        except NewsfoldError:
            pass


_WARC_PATH: str | None = None


def _warc(data: bytes) -> None:
    """A WARC file of these bytes, and of a gzipped response record whose HTTP payload they are."""
    import gzip
    import os
    import tempfile

    from newsfold.ingest.warc import read_warc
    from newsfold.models import Article as _Article

    global _WARC_PATH
    if _WARC_PATH is None:
        fd, _WARC_PATH = tempfile.mkstemp(prefix="nf-fuzz-", suffix=".warc.gz")
        os.close(fd)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + data
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://fuzz.example/a\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
              + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
    for body in (data, gzip.compress(record, mtime=0), gzip.compress(record, mtime=0)[: max(10, len(data))]):
        with open(_WARC_PATH, "wb") as fh:
            fh.write(body)
        for item in read_warc(_WARC_PATH, max_bytes=1 << 20):
            if isinstance(item, _Article) and not item.text.strip():
                raise AssertionError("a WARC record gave an empty article")


def one_input(data: bytes, *, extract: bool = True) -> None:
    """Run one fuzz input; raises on a crash, returns quietly otherwise."""
    _fetched(data)
    _warc(data)
    articles = _articles(data)
    if not extract or not articles:
        return
    from newsfold.nlp.extract import extract_many

    for result in extract_many(articles, _model()):
        check(result.article, result.quotes)
