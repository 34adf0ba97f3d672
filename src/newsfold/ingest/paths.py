"""Walk the paths a user names and read every article in them, one Failure per bad input."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.docids import UniqueDocs
from newsfold.ingest.encoding import looks_binary
from newsfold.ingest.feedfile import FEED_SUFFIXES, read_feed_file
from newsfold.ingest.feeds import looks_like_feed
from newsfold.ingest.fetch import FetchOptions
from newsfold.ingest.fetchcache import FetchMemory
from newsfold.ingest.files import HTML_SUFFIXES, read_article_file
from newsfold.ingest.index import INDEX_NAME, indexed_files, is_index, read_index
from newsfold.ingest.jsonl import read_json, read_jsonl
from newsfold.ingest.text import DEFAULT_MAX_BYTES
from newsfold.ingest.urls import Fetcher, is_url
from newsfold.ingest.warc import WARC_SUFFIXES, is_warc, looks_like_warc, read_warc
from newsfold.models import Article

# .json is read only when named: a folder walk would otherwise read gold files and configs as articles.
# .xml is read when its bytes start like a feed (a folder's XML is as often a sitemap or a config).
WALK_SUFFIXES = (".txt", ".jsonl", *HTML_SUFFIXES, *FEED_SUFFIXES, *WARC_SUFFIXES)
_HEAD = 4096  # bytes sniffed: a feed's root element or a WARC header comes well before this
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def _head(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(_HEAD)
    except OSError:
        return None


def skip_reason(path: str, suffixes: tuple[str, ...] = WALK_SUFFIXES) -> str | None:
    """Why a folder walk leaves a file out, in a few words; None when it is read.

    A file is read when it ends in one of `suffixes` (any case), or when its bytes start like a feed or
    a WARC file whatever its name. A file that cannot be opened is read, so its reader says why not.
    """
    lower = path.lower()
    if lower.endswith(suffixes):
        return None
    head = _head(path)
    if head is None or looks_like_feed(head) or looks_like_warc(head):
        return None
    ext = os.path.splitext(lower)[1]
    if ext == ".json":
        return "a .json file is read only when named (in a folder they are mostly gold files and configs)"
    if ext == ".xml" or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.DOTALL)
        root = _XML_ROOT.search(body)
        named = f"<{root.group(1).decode('ascii', 'replace')}>" if root else "none that can be read"
        return f"XML whose root element is {named}, not an RSS or Atom feed"
    if not head:
        return f"an empty {ext or 'file'} file, not an article"
    if looks_binary(head):
        return f"binary data ({ext or 'no extension'}), not text, HTML, a feed or a WARC file"
    if ext in (".csv", ".tsv"):
        return f"{ext} tables are not read (one article a line is JSONL: {{\"text\": ...}})"
    what = f"a {ext} file" if ext else "a file without an extension"
    return (f"{what} is not read in a folder (.txt, HTML, JSONL, feeds and WARC files are): "
            "name it to read it as plain text")


def folder_files(
    root: str, suffixes: tuple[str, ...] = WALK_SUFFIXES, skipped: list[tuple[str, str]] | None = None
) -> list[str]:
    """The files under `root` that a folder walk reads, in the order `read_paths` reads them.

    Sorted by path; hidden files and folders (.git, .venv) are passed over, and so are the files an
    `articles.jsonl` among them names, since they are read through that index. Any other file is read
    when `skip_reason` finds no reason not to; each one left out goes into `skipped` as (path, why).
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fname in filenames:
            if not fname.startswith("."):
                full = os.path.join(dirpath, fname)
                found.append((Path(os.path.relpath(full, root)).parts, full))
    files: list[str] = []
    for _, full in sorted(found):
        why = skip_reason(full, suffixes)
        if why is None:
            files.append(full)
        elif skipped is not None:
            skipped.append((full, why))
    skip: set[str] = set()
    for f in files:
        if os.path.basename(f) == INDEX_NAME:
            skip |= indexed_files(f)
    return [f for f in files if os.path.realpath(f) not in skip]


class _Reader:
    """What one `read_paths` call shares across its inputs: the cap, the fetcher and the docs taken."""

    def __init__(self, max_bytes: int, fetcher: Fetcher, docs: UniqueDocs,
                 on_warning: Callable[[str], None] | None) -> None:
        self.max_bytes = max_bytes
        self.fetcher = fetcher
        self.docs = docs
        self.warn = on_warning or (lambda line: None)

    def paths(self, paths: Iterable[str]) -> Iterator[Article | Failure]:
        for path in paths:
            path = str(path)
            if is_url(path):
                yield from self.fetcher.read(path)
            elif os.path.isdir(path):
                yield from self.folder(path)
            elif os.path.exists(path):
                yield from self.file(path)
            else:
                yield Failure(path, NewsfoldError("NF101", path, "no such file or directory"))

    def folder(self, path: str) -> Iterator[Article | Failure]:
        skipped: list[tuple[str, str]] = []
        files = folder_files(path, skipped=skipped)
        for f, why in skipped:
            self.warn(f"{f}: skipped: {why}")
        if not files:
            why = f"none of its {len(skipped)} files is one newsfold reads" if skipped else "it has no files"
            yield Failure(path, NewsfoldError("NF112", path, f"nothing read in the folder: {why}"))
        for f in files:
            yield from self.file(f)

    def file(self, path: str) -> Iterator[Article | Failure]:
        lower = path.lower()
        head = b"" if is_warc(path) else (_head(path) or b"")
        if is_warc(path) or looks_like_warc(head):
            yield from self.warc(path)
        elif lower.endswith((*FEED_SUFFIXES, ".xml")) or looks_like_feed(head):
            yield from read_feed_file(path, max_bytes=self.max_bytes, fetcher=self.fetcher)
        elif lower.endswith(".jsonl"):
            yield from (read_index if is_index(path) else read_jsonl)(path, max_bytes=self.max_bytes)
        elif lower.endswith(".json"):
            yield from read_json(path, max_bytes=self.max_bytes)
        else:
            try:
                yield read_article_file(path, max_bytes=self.max_bytes)
            except NewsfoldError as err:
                yield Failure(path, err)

    def warc(self, path: str) -> Iterator[Article | Failure]:
        """A WARC file's pages, each record capped at `max_bytes`. A page whose URL was read before (a
        crawl re-fetches pages) is left out, the first copy kept, as `newsfold spark` does."""
        repeated = 0
        for item in read_warc(path, max_bytes=self.max_bytes):
            if isinstance(item, Article) and item.doc in self.docs.taken:
                repeated += 1
                continue
            yield item
        if repeated:
            self.warn(f"{path}: {repeated} records repeat a URL read before: the first copy of each is kept")


def read_paths(
    paths: Iterable[str],
    *,
    max_bytes: int | None = None,
    fetch_options: FetchOptions | None = None,
    fetch_memory: FetchMemory | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Article | Failure]:
    """Read every article under `paths`: files, directories walked recursively in sorted order, or URLs.

    A file is read by what its bytes are: a WARC file (`ingest.warc`, record by record) or an RSS or
    Atom feed (`ingest.feedfile`, each item an article) whatever its name, else by its extension (JSONL,
    JSON, HTML, plain text). A directory's `articles.jsonl` is read as an index, and the files it names
    are not read again on their own. A file a folder walk leaves out is named to `on_warning` with the
    reason (`skip_reason`), and a folder with nothing to read is a Failure (NF112). An http(s) URL is
    fetched with `fetch_options` (an article page, or a feed whose items are fetched; see `ingest.urls`;
    with `follow_links`, a feed file's item pages too), remembering what was read in `fetch_memory` or
    the options' cache file. Bad inputs and bad lines come out as Failures; this never raises for bad
    input.

    Every article's doc is unique in the run: a later article whose doc is taken is renamed (see
    `ingest.docids`) and `on_warning` is told so in one line; a WARC page whose URL was read before is
    left out instead, the first copy kept. A file or JSONL line over `max_bytes` (None:
    `ingest.text.DEFAULT_MAX_BYTES`) is refused (NF107); a WARC file's cap is per record.
    """
    cap = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    docs = UniqueDocs()
    with Fetcher(fetch_options, fetch_memory) as fetcher:
        for item in _Reader(cap, fetcher, docs, on_warning).paths(paths):
            if isinstance(item, Article):
                item, warning = docs.admit(item)
                if warning and on_warning:
                    on_warning(warning)
            yield item
