"""Plain-text files: bytes from disk (with the size cap), decoded exactly, residue found at the edges."""

from __future__ import annotations

import os
from pathlib import Path

from newsfold.errors import NewsfoldError
from newsfold.ingest.encoding import decode
from newsfold.ingest.residue import find_residue
from newsfold.models import Article

DEFAULT_MAX_BYTES = 50_000_000

StrPath = str | os.PathLike[str]


def read_bytes(path: StrPath, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; NF101 when it cannot be read, NF107 when it is over `max_bytes`."""
    source = str(path)
    try:
        size = os.stat(path).st_size
        if max_bytes is not None and size > max_bytes:
            over = f"{size} bytes is over the cap of {max_bytes} (raise it with --max-bytes)"
            raise NewsfoldError("NF107", source, over)
        with open(path, "rb") as fh:
            # Read one byte past the cap: the file may have grown since stat().
            data = fh.read(max_bytes + 1) if max_bytes is not None else fh.read()
    except OSError as exc:
        raise NewsfoldError("NF101", source, f"cannot be read: {exc.strerror or exc}") from exc
    if max_bytes is not None and len(data) > max_bytes:
        raise NewsfoldError("NF107", source, f"over the cap of {max_bytes} bytes (raise it with --max-bytes)")
    return data


def text_article(text: str, *, doc: str, source: str, encoding: str | None = None) -> Article:
    """An Article over `text` as given, with its body and edge residue; NF104 when nothing is left."""
    if not text.strip():
        raise NewsfoldError("NF104", source)
    body, residue = find_residue(text)
    if body[0] >= body[1]:
        raise NewsfoldError("NF104", source, "nothing but scraping residue is left")
    return Article(doc=doc, text=text, source=source, encoding=encoding, body=body, residue=residue)


def text_from_bytes(data: bytes, *, doc: str, source: str) -> Article:
    """An Article from a plain-text file's bytes (see `decode` for how the encoding is found)."""
    text, encoding = decode(data, source)
    return text_article(text, doc=doc, source=source, encoding=encoding)


def read_text_file(
    path: StrPath, *, doc: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> Article:
    """Read a plain-text article; `doc` defaults to the path as given. Raises NewsfoldError."""
    source = str(path)
    return text_from_bytes(read_bytes(Path(path), max_bytes=max_bytes), doc=doc or source, source=source)
