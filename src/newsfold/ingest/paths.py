"""Walk the paths a user names and read every article in them, one Failure per bad input."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.docids import UniqueDocs
from newsfold.ingest.fetch import FetchOptions
from newsfold.ingest.fetchcache import FetchMemory
from newsfold.ingest.files import HTML_SUFFIXES, read_article_file
from newsfold.ingest.index import INDEX_NAME, indexed_files, is_index, read_index
from newsfold.ingest.jsonl import read_json, read_jsonl
from newsfold.ingest.text import DEFAULT_MAX_BYTES
from newsfold.ingest.urls import Fetcher, is_url
from newsfold.models import Article

# .json is read only when named: a folder walk would otherwise read gold files and configs as articles
WALK_SUFFIXES = (".txt", ".jsonl", *HTML_SUFFIXES)


def folder_files(root: str, suffixes: tuple[str, ...] = WALK_SUFFIXES) -> list[str]:
    """The files under `root` ending in one of `suffixes` (any case), in the order `read_paths` reads them.

    Sorted by path; hidden files and folders (.git, .venv) are skipped, and so are the files an
    `articles.jsonl` among them names, since they are read through that index.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fname in filenames:
            if not fname.startswith(".") and fname.lower().endswith(suffixes):
                full = os.path.join(dirpath, fname)
                found.append((Path(os.path.relpath(full, root)).parts, full))
    files = [full for _, full in sorted(found)]
    skip: set[str] = set()
    for f in files:
        if os.path.basename(f) == INDEX_NAME:
            skip |= indexed_files(f)
    return [f for f in files if os.path.realpath(f) not in skip]


def _read_file(path: str, max_bytes: int) -> Iterator[Article | Failure]:
    lower = path.lower()
    if lower.endswith(".jsonl"):
        yield from (read_index if is_index(path) else read_jsonl)(path, max_bytes=max_bytes)
    elif lower.endswith(".json"):
        yield from read_json(path, max_bytes=max_bytes)
    else:
        try:
            yield read_article_file(path, max_bytes=max_bytes)
        except NewsfoldError as err:
            yield Failure(path, err)


def read_paths(
    paths: Iterable[str],
    *,
    max_bytes: int | None = None,
    fetch_options: FetchOptions | None = None,
    fetch_memory: FetchMemory | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Article | Failure]:
    """Read every article under `paths`: files, directories walked recursively in sorted order, or URLs.

    A directory's `articles.jsonl` is read as an index, and the files it names are not read again on
    their own. An http(s) URL is fetched with `fetch_options` (an article page, or a feed whose items are
    fetched; see `ingest.urls`), remembering what was read in `fetch_memory` or the options' cache file.
    Bad inputs and bad lines come out as Failures; this never raises for bad input.

    Every article's doc is unique in the run: a later article whose doc is taken is renamed (see
    `ingest.docids`) and `on_warning` is told so in one line. A file or JSONL line over `max_bytes`
    (None: `ingest.text.DEFAULT_MAX_BYTES`) is refused (NF107).
    """
    cap = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    docs = UniqueDocs()
    with Fetcher(fetch_options, fetch_memory) as fetcher:
        for item in _read_paths(paths, cap, fetcher):
            if isinstance(item, Article):
                item, warning = docs.admit(item)
                if warning and on_warning:
                    on_warning(warning)
            yield item


def _read_paths(paths: Iterable[str], max_bytes: int, fetcher: Fetcher) -> Iterator[Article | Failure]:
    for path in paths:
        path = str(path)
        if is_url(path):
            yield from fetcher.read(path)
        elif os.path.isdir(path):
            for f in folder_files(path):
                yield from _read_file(f, max_bytes)
        elif os.path.exists(path):
            yield from _read_file(path, max_bytes)
        else:
            yield Failure(path, NewsfoldError("NF101", path, "no such file or directory"))
