"""Fuzz targets shared by the atheris runner and the regression replay in tests/fuzz.

`one_input(data)` feeds arbitrary bytes through every reader that takes bytes (plain text, HTML, JSONL,
RSS/Atom feeds, gzip and deflate bodies) and through the file paths of `extract` (the bytes as a feed
file, as an item's HTML in one, as a WARC file and a record's payload in one, as a file told by its
bytes), and then through extraction. A typed `NewsfoldError` is an
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


_PATHS: dict[str, str] = {}


def _path(suffix: str) -> str:
    """One temporary file per suffix, written again for each input (no file left per input)."""
    import os
    import tempfile

    if suffix not in _PATHS:
        fd, _PATHS[suffix] = tempfile.mkstemp(prefix="nf-fuzz-", suffix=suffix)
        os.close(fd)
    return _PATHS[suffix]


def _warc_bodies(data: bytes) -> list[bytes]:
    """These bytes as a WARC file, as a gzipped response record whose HTTP payload they are, and cut."""
    import gzip

    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + data
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://fuzz.example/a\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
              + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")
    member = gzip.compress(record, mtime=0)
    return [data, member, member[: max(10, len(data))]]


def _feed_bodies(data: bytes) -> list[bytes]:
    """These bytes as a feed file, and as the HTML of an RSS 2.0 item and of an Atom entry."""
    escaped = data.replace(b"&", b"&amp;").replace(b"<", b"&lt;")
    rss = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
           b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fuzz</title>'
           b"<item><title>t</title><link>https://fuzz.example/a</link><content:encoded><![CDATA["
           + data + b"]]></content:encoded></item></channel></rss>")
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
            b'<entry><id>x</id><content type="html">' + escaped + b"</content></entry></feed>")
    return [data, rss, atom]


def _check_read(item: object, name: str) -> None:
    """What `read_paths` gives: an Article with text and a body inside it, or a typed Failure naming the
    file."""
    from newsfold.errors import CATALOGUE, Failure

    if isinstance(item, Failure):
        if item.error.code not in CATALOGUE or name not in item.line():
            raise AssertionError(f"an untyped or unnamed failure: {item.line()!r}")
        return
    if not isinstance(item, Article) or not item.text.strip():
        raise AssertionError(f"{name} gave an empty article or something else: {item!r}")
    start, end = item.body or (0, len(item.text))
    if not 0 <= start < end <= len(item.text):
        raise AssertionError(f"{name} gave an article whose body {start}:{end} lies outside its text")


def _files(data: bytes) -> list[Article]:
    """The articles `extract` reads from files of these bytes: feed files (`.rss`), WARC files
    (`.warc.gz`) and a file with no extension, told by its bytes; each gives articles or typed failures."""
    from newsfold.ingest import read_paths

    out: list[Article] = []
    for suffix, bodies in ((".rss", _feed_bodies(data)), (".warc.gz", _warc_bodies(data)), ("", [data])):
        path = _path(suffix)
        for body in bodies:
            with open(path, "wb") as fh:
                fh.write(body)
            for item in read_paths([path], max_bytes=1 << 20):
                _check_read(item, path)
                if isinstance(item, Article):
                    out.append(item)
    return out


def one_input(data: bytes, *, extract: bool = True) -> None:
    """Run one fuzz input; raises on a crash, returns quietly otherwise."""
    _fetched(data)
    articles = _articles(data) + _files(data)
    if not extract or not articles:
        return
    from newsfold.nlp.extract import extract_many

    for result in extract_many(articles, _model()):
        check(result.article, result.quotes)
