"""WARC files in Common Crawl's CC-NEWS layout: one gzip member per record, HTML pages in `response` records.

Each gzip member is inflated on its own, so a corrupt member (a cut download, flipped bytes) costs that
record only: reading resumes at the next gzip header and the bad record comes out as one Failure (NF110).
A WARC that is not gzipped per record is read with warcio straight through; there a corrupt record ends
the file (its records so far are kept) because an uncompressed WARC has no marker to resume at.

Only `response` records with status 200 and an HTML payload become articles (`doc` is the record's
WARC-Target-URI); `warcinfo`, `request` and `metadata` records, redirects and non-HTML payloads are
skipped and counted in `WarcStats`, not reported as failures: a crawl holds them by design.
"""

from __future__ import annotations

import codecs
import io
import mmap
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.html import looks_like_html, read_html
from newsfold.ingest.text import DEFAULT_MAX_BYTES, StrPath
from newsfold.models import Article

WARC_SUFFIXES = (".warc.gz", ".warc")
GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 20
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class WarcStats:
    """What reading one WARC file met: records seen, articles made, records skipped by design, and
    records lost to corruption (each also reported as a Failure)."""

    records: int = 0
    articles: int = 0
    skipped: int = 0
    corrupt: int = 0


def is_warc(path: StrPath) -> bool:
    """Whether a path is named like a WARC file (`.warc`, `.warc.gz`)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def looks_like_warc(head: bytes) -> bool:
    """Whether a file's first bytes start a WARC record, uncompressed or in a gzip member (so a WARC file
    named otherwise is still read as one)."""
    if head.startswith(b"WARC/"):
        return True
    if not head.startswith(GZIP_MAGIC):
        return False
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 5) == b"WARC/"
    except zlib.error:
        return False


def _members(
    data: bytes | mmap.mmap, source: str, max_bytes: int | None, stats: WarcStats
) -> Iterator[tuple[int, bytes] | Failure]:
    """(offset, inflated bytes) of each gzip member, or a Failure for a member that cannot be inflated."""
    n = len(data)
    pos = 0
    while pos < n:
        if data[pos : pos + 3] != GZIP_MAGIC:
            nxt = data.find(GZIP_MAGIC, pos + 1)
            if data[pos : nxt if nxt >= 0 else n].strip(b"\r\n\0"):  # padding between members is harmless
                stats.corrupt += 1
                yield Failure(
                    f"{source}@{pos}",
                    NewsfoldError(
                        "NF110",
                        f"{source}@{pos}",
                        "bytes that are not a gzip member: skipped to the next record",
                    ),
                )
            if nxt < 0:
                return
            pos = nxt
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = bytearray()
        p = pos
        error = None
        try:
            while not inflater.eof and p < n:
                chunk = data[p : p + _CHUNK]
                p += len(chunk)
                # inflate at most one byte past the cap: a small member that inflates to gigabytes (a
                # decompression bomb) is refused having cost the cap, not the bomb's size
                while chunk and error is None:
                    limit = 0 if max_bytes is None else max_bytes + 1 - len(out)
                    out += inflater.decompress(chunk, limit)
                    chunk = inflater.unconsumed_tail
                    if max_bytes is not None and len(out) > max_bytes:
                        error = NewsfoldError(
                            "NF107", f"{source}@{pos}", f"the record inflates past {max_bytes} bytes: skipped"
                        )
                if error is not None:
                    break
            if error is None and not inflater.eof:
                error = NewsfoldError("NF110", f"{source}@{pos}", "the record's gzip member is cut short")
        except zlib.error as exc:
            error = NewsfoldError("NF110", f"{source}@{pos}", f"the record's gzip member is corrupt ({exc})")
        if error is not None:
            stats.corrupt += 1
            yield Failure(error.source, error)
            nxt = data.find(GZIP_MAGIC, pos + 1)
            if nxt < 0:
                return
            pos = nxt
            continue
        yield pos, bytes(out)
        pos = p - len(inflater.unused_data)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None


def _record_article(record, source: str, stats: WarcStats) -> Article | None:
    """The article in one parsed warcio record, or None when the record is not an HTML page.

    Raises NewsfoldError when the page holds no text (NF104, NF108)."""
    stats.records += 1
    if record.rec_type != "response" or record.http_headers is None:
        stats.skipped += 1
        return None
    status = record.http_headers.get_statuscode()
    content_type = record.http_headers.get_header("Content-Type") or ""
    payload = record.content_stream().read()
    if status != "200" or not (content_type.lower().startswith(_HTML_TYPES) or looks_like_html(payload)):
        stats.skipped += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    doc = url or source
    # The HTTP header's charset outranks a <meta> one (WHATWG); read_html decodes by <meta> or detection.
    charset = _charset(content_type)
    html: str | bytes = payload
    if charset and not payload.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            html = payload.decode(charset)
        except UnicodeDecodeError:
            charset = None
    article = read_html(html, doc=doc, source=source, url=url)
    if charset and article.encoding is None:
        article.encoding = charset
    stats.articles += 1
    return article


def _parse(stream: BinaryIO, source: str, stats: WarcStats, blank: bool) -> Iterator[Article | Failure]:
    """The articles of the records in `stream` (`blank`: it holds nothing but whitespace)."""
    from warcio.archiveiterator import ArchiveIterator

    seen = 0
    try:
        for record in ArchiveIterator(stream, ensure_http_headers=False):
            seen += 1
            if not str(record.format).startswith("warc"):  # warcio takes a line of junk for an ARC header
                raise ValueError("no WARC record header")
            try:
                article = _record_article(record, source, stats)
            except NewsfoldError as err:
                yield Failure(source, err)
                continue
            if article is not None:
                yield article
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on a malformed record
        stats.corrupt += 1
        yield Failure(
            source, NewsfoldError("NF110", source, f"the record is malformed ({type(exc).__name__}: {exc})")
        )
        return
    if not seen and not blank:  # warcio passes over bytes without a WARC header in silence
        stats.corrupt += 1
        yield Failure(
            source, NewsfoldError("NF110", source, "no WARC record header where a record should start")
        )


def read_warc(
    path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES, stats: WarcStats | None = None
) -> Iterator[Article | Failure]:
    """Every HTML page of a WARC file as an Article, in file order; a corrupt record gives a Failure
    naming `file@offset` and reading goes on. `max_bytes` caps each record, not the file (a CC-NEWS
    file is about a gigabyte). `stats`, when given, is filled in as the file is read."""
    stats = stats if stats is not None else WarcStats()
    name = str(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the mmap
    except OSError as exc:
        yield Failure(name, NewsfoldError("NF101", name, f"cannot be read: {exc.strerror or exc}"))
        return
    with fh:
        try:
            data: bytes | mmap.mmap = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            data = b""
        try:
            if not data:
                yield Failure(name, NewsfoldError("NF104", name, "the WARC file is empty"))
            elif data[:3] == GZIP_MAGIC:
                for item in _members(data, name, max_bytes, stats):
                    if isinstance(item, Failure):
                        yield item
                    else:
                        offset, raw = item
                        yield from _parse(io.BytesIO(raw), f"{name}@{offset}", stats, not raw.strip())
            else:
                # one uncompressed stream: warcio reads it from the file record by record, never whole
                fh.seek(0)
                yield from _parse(fh, name, stats, not data[:_CHUNK].strip())
        finally:
            if isinstance(data, mmap.mmap):
                data.close()
