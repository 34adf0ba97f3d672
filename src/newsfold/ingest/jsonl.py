"""JSONL (and JSON) files of articles: one object a line with `text` or `html` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.html import read_html
from newsfold.ingest.text import DEFAULT_MAX_BYTES, StrPath, read_bytes, text_article
from newsfold.models import Article

META_FIELDS = ("outlet", "title", "date", "url", "author", "story")


def opt_str(value: Any) -> str | None:
    """A metadata value as a string, or None when missing, empty or not a scalar."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    text = str(value).strip()
    return text or None


def fill_meta(article: Article, record: dict[str, Any]) -> Article:
    """Overwrite the article's metadata with the record's non-null values (the record knows better)."""
    for name in META_FIELDS:
        value = opt_str(record.get(name))
        if value is not None:
            setattr(article, name, value)
    return article


def record_article(record: Any, *, default_doc: str, source: str) -> Article:
    """An Article from one decoded JSONL object. Raises NewsfoldError (NF105, NF104, NF108)."""
    if not isinstance(record, dict):
        raise NewsfoldError("NF105", source, f"expected a JSON object, found {type(record).__name__}")
    doc = opt_str(record.get("id")) or opt_str(record.get("doc")) or default_doc
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str):
        article = text_article(text, doc=doc, source=source)
    elif isinstance(html, str):
        article = read_html(html, doc=doc, source=source, url=opt_str(record.get("url")))
    else:
        raise NewsfoldError("NF105", source)
    return fill_meta(article, record)


def _parse_line(raw: bytes, source: str, first: bool) -> Any:
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 BOM before the first object is not part of the JSON
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise NewsfoldError("NF103", source, f"the line is not UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise NewsfoldError("NF105", source, f"invalid JSON: {exc.msg} at column {exc.colno}") from exc


def iter_lines(path: StrPath, *, max_bytes: int | None) -> Iterator[tuple[int, Any] | Failure]:
    """(line number, decoded object) for each non-blank line, or a Failure for a line that is not JSON.

    The size cap applies to each line, since a JSONL file bundles many articles. A file that cannot be
    opened raises NewsfoldError NF101.
    """
    name = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise NewsfoldError("NF101", name, f"cannot be read: {exc.strerror or exc}") from exc
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            source = f"{name}:{lineno}"
            if not raw.strip():
                continue
            if max_bytes is not None and len(raw) > max_bytes:
                over = f"the line is over {max_bytes} bytes (raise it with --max-bytes)"
                yield Failure(source, NewsfoldError("NF107", source, over))
                continue
            try:
                yield lineno, _parse_line(raw, source, lineno == 1)
            except NewsfoldError as err:
                yield Failure(source, err)


def read_lines(
    path: StrPath, read_record: Callable[[Any, int, str], Article], *, max_bytes: int | None
) -> Iterator[Article | Failure]:
    """`read_record(record, line number, "file:line")` for each line of a JSONL file, reading on past bad
    lines: a line that is not JSON, or whose record `read_record` rejects with a NewsfoldError, gives a
    Failure, and a file that cannot be opened gives one Failure naming the file."""
    name = str(path)
    try:
        for item in iter_lines(path, max_bytes=max_bytes):
            if isinstance(item, Failure):
                yield item
                continue
            lineno, record = item
            try:
                yield read_record(record, lineno, f"{name}:{lineno}")
            except NewsfoldError as err:
                # the error's own source: an index line's error may name the article file it points to
                yield Failure(err.source, err)
    except NewsfoldError as err:
        yield Failure(name, err)


def read_jsonl(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """One Article per line of a JSONL file; a bad line gives a Failure naming `file:line`, and reading
    goes on. `doc` is the line's `id` or `doc`, else `<file>#<line>`."""
    name = str(path)

    def read_record(record: Any, lineno: int, source: str) -> Article:
        return record_article(record, default_doc=f"{name}#{lineno}", source=source)

    return read_lines(path, read_record, max_bytes=max_bytes)


def read_json(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """A .json file: one article object, or a list of them (`doc` defaults to `<file>#<n>`, from 1).

    A file that is not a single JSON document is read as JSONL.
    """
    name = str(path)
    try:
        data = read_bytes(path, max_bytes=max_bytes)
        try:
            value = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            yield from read_jsonl(path, max_bytes=max_bytes)
            return
        records = value if isinstance(value, list) else [value]
        for n, record in enumerate(records, start=1):
            source = f"{name}#{n}" if isinstance(value, list) else name
            default_doc = f"{name}#{n}" if isinstance(value, list) else name
            try:
                yield record_article(record, default_doc=default_doc, source=source)
            except NewsfoldError as err:
                yield Failure(source, err)
    except NewsfoldError as err:
        yield Failure(name, err)
