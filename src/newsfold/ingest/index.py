"""Article indexes: JSONL lines naming article files (`doc`, relative to the index) with their metadata.

This is the layout of the bundled story corpora: `articles.jsonl` beside the `.txt` files, each line
`{"doc": ..., "story": ..., "outlet": ..., "title": ..., "date": ..., "url": ...}`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.files import read_article_file
from newsfold.ingest.jsonl import fill_meta, iter_lines, read_lines, record_article
from newsfold.ingest.text import DEFAULT_MAX_BYTES, StrPath
from newsfold.models import Article

INDEX_NAME = "articles.jsonl"


def _names_file(record: Any) -> bool:
    return (
        isinstance(record, dict)
        and isinstance(record.get("doc"), str)
        and not ("text" in record or "html" in record)
    )


def is_index(path: StrPath) -> bool:
    """An `articles.jsonl`, or a JSONL file whose first object names a file in `doc` and has no text."""
    p = Path(path)
    if p.name == INDEX_NAME:
        return True
    try:
        with open(p, "rb") as fh:
            for raw in fh:
                if raw.strip():
                    return _names_file(json.loads(raw.decode("utf-8-sig")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return False


def indexed_files(path: StrPath) -> set[str]:
    """The real paths of the files an index names (so a directory walk does not read them twice)."""
    base = Path(path).parent
    out: set[str] = set()
    try:
        for item in iter_lines(path, max_bytes=None):
            if not isinstance(item, Failure) and _names_file(item[1]):
                out.add(os.path.realpath(base / item[1]["doc"]))
    except NewsfoldError:
        pass
    return out


def read_index(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Read every article an index names, with the index's metadata winning over what the file says.

    `Article.doc` is the `doc` value as written in the index. A missing file gives a Failure NF106 and
    reading goes on; a line that carries its own `text` or `html` is read like a JSONL article.
    """
    name = str(path)
    base = Path(path).parent

    def read_record(record: Any, lineno: int, source: str) -> Article:
        if isinstance(record, dict) and ("text" in record or "html" in record):
            return record_article(record, default_doc=f"{name}#{lineno}", source=source)
        if not _names_file(record):
            raise NewsfoldError("NF105", source, "an index line needs a 'doc' naming an article file")
        return _read_entry(base, record, source, max_bytes)

    return read_lines(path, read_record, max_bytes=max_bytes)


def _read_entry(base: Path, record: dict[str, Any], source: str, max_bytes: int | None) -> Article:
    doc: str = record["doc"]
    target = base / doc
    if not target.is_file():
        raise NewsfoldError("NF106", source, f"{doc!r} is missing (looked for {target})")
    try:
        article = read_article_file(target, doc=doc, max_bytes=max_bytes)
    except NewsfoldError as err:
        if err.code == "NF101":
            raise NewsfoldError("NF106", source, f"{doc!r} cannot be read: {err.detail}") from err
        raise
    return fill_meta(article, record)
