"""Run extraction over many articles on every core, one result per article, never stopping on one.

Each worker process loads the spaCy pipeline once and turns whole chunks of articles into plain
`Extraction`s, which are cheap to send back (a spaCy `Doc` never leaves `nlp/`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from .errors import Failure, NewsfoldError
from .models import Article, Extraction

R = TypeVar("R")

if TYPE_CHECKING:
    from .ingest.fetch import FetchOptions
    from .nlp.extract import ParsedParagraphs

_NLP = None  # the worker's pipeline: a module-level lazy global, loaded once per process, never pickled


def _model():
    global _NLP
    if _NLP is None:
        from .nlp.model import load_model

        _NLP = load_model()
    return _NLP


# Articles with more characters to analyse than this are refused unparsed (NF109), so that every input
# comes back in bounded time: the analysis grows with the text and its quotations (a 727 KB page of
# 6,000 quotations took 124 s of CPU), and no news article comes near the cap (the longest in the shared
# corpora is 34 KB). Raise it with --max-chars.
DEFAULT_MAX_CHARS = 2_000_000


def analysed_chars(article: Article) -> int:
    """How many characters of the article are analysed: its body, residue at the edges left out."""
    start, end = article.body or (0, len(article.text))
    return end - start


def _too_long(article: Article, max_chars: int) -> Failure:
    detail = (f"{analysed_chars(article)} characters to analyse, over the cap of {max_chars} "
              "(raise it with --max-chars)")
    return Failure(article.doc, NewsfoldError("NF109", article.doc, detail))


def extract_chunk(articles: list[Article], max_chars: int = DEFAULT_MAX_CHARS, *,
                  on_parsed: ParsedParagraphs | None = None) -> list[Extraction | Failure]:
    """Extract a chunk of articles in this process; an article that breaks the pipeline becomes a Failure,
    one with more than `max_chars` characters to analyse is refused (NF109) before any parsing.
    `on_parsed` hears of every paragraph's parse (see `nlp.extract.extract_many`)."""
    if any(analysed_chars(a) > max_chars for a in articles):
        fits = [a for a in articles if analysed_chars(a) <= max_chars]
        done = iter(extract_chunk(fits, max_chars, on_parsed=on_parsed) if fits else [])
        return [_too_long(a, max_chars) if analysed_chars(a) > max_chars else next(done) for a in articles]
    from .nlp.extract import extract_many

    nlp = _model()
    try:
        return list(extract_many(articles, nlp, on_parsed=on_parsed))
    except Exception:  # noqa: BLE001 - find the one article that broke the batch, keep the rest
        out: list[Extraction | Failure] = []
        for article in articles:
            try:
                out.extend(extract_many([article], nlp, on_parsed=on_parsed))
            except Exception as err:  # noqa: BLE001
                out.append(Failure(article.doc,
                                   NewsfoldError("NF201", article.doc, f"{type(err).__name__}: {err}")))
        return out


def default_workers() -> int:
    """One worker per core: the parse is CPU-bound."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _chunks(items: Iterable[Article], size: int, max_chars: int | None = None) -> Iterator[list[Article]]:
    """Consecutive chunks of at most `size` articles and, when given, about `max_chars` characters."""
    if max_chars is None:
        it = iter(items)
        while chunk := list(islice(it, size)):
            yield chunk
        return
    chunk: list[Article] = []
    chars = 0
    for article in items:
        chunk.append(article)
        chars += len(article.text)
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


# Chunks sent to worker processes are cut at about this many characters (some six news articles, a
# hundred paragraphs: one or two `nlp.pipe` batches) so that the workers finish close together: with
# 16-article chunks PolNeAR dev's 84 articles made six chunks of which the last held four, and one
# worker could wait for the other's whole chunk. Smaller chunks would cost a model call per batch more.
WORKER_CHUNK_CHARS = 30_000


def run_chunks(fn: Callable[[list[Article]], list[R]], articles: Iterable[Article], *, workers: int,
               chunk_size: int, chunk_chars: int | None = None) -> Iterator[R | Failure]:
    """`fn` over consecutive chunks of `articles`, results in input order: in this process for one worker,
    else on `workers` processes that each load the model once. `fn` must pickle (a module-level function
    or a `functools.partial` of one); `chunk_chars` also cuts the chunks sent to workers by size.

    A chunk whose worker fails (the process dies, or its result cannot come back) costs only the
    articles that fail again when run one at a time: each becomes a Failure (NF203 for a dead process,
    NF201 otherwise), the pool is started afresh and the rest of the run goes on."""
    if workers <= 1:
        for chunk in _chunks(articles, chunk_size):
            yield from fn(chunk)
        return
    pools = _Pools(fn, workers)
    try:
        # a bounded window of chunks in flight keeps memory flat however many articles come in
        window: list[tuple[Future, list[Article]]] = []
        for chunk in _chunks(articles, chunk_size, chunk_chars):
            window.append((pools.submit(chunk), chunk))
            if len(window) >= workers * 4:
                yield from pools.collect(window)
        while window:
            yield from pools.collect(window)
    finally:
        pools.close()


def _succeeded(fut: Future) -> bool:
    return fut.done() and not fut.cancelled() and fut.exception() is None


class _Pools:
    """The worker pool of one `run_chunks` call, started again whenever a worker dies."""

    def __init__(self, fn: Callable[[list[Article]], list], workers: int) -> None:
        self.fn = fn
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_model)

    def submit(self, chunk: list[Article]) -> Future:
        return self.pool.submit(self.fn, chunk)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _restart(self, window: list[tuple[Future, list[Article]]]) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_model)
        # the chunks in flight died with the pool, unless they had finished: send the others again
        window[:] = [(f, c) if _succeeded(f) else (self.submit(c), c) for f, c in window]

    def collect(self, window: list[tuple[Future, list[Article]]]) -> list:
        """The results of the oldest chunk in `window`, which is taken off it."""
        fut, chunk = window.pop(0)
        try:
            return fut.result()
        except BrokenProcessPool:
            self._restart(window)
        except Exception:  # noqa: BLE001 - the pool lives on; find which article it was, below
            pass
        out: list = []
        for article in chunk:
            try:
                out.extend(self.submit([article]).result())
            except BrokenProcessPool:
                self._restart(window)
                out.append(Failure(article.doc, NewsfoldError("NF203", article.doc)))
            except Exception as err:  # noqa: BLE001
                out.append(Failure(article.doc,
                                   NewsfoldError("NF201", article.doc, f"{type(err).__name__}: {err}")))
        return out


def extract_articles(articles: Iterable[Article], *, workers: int | None = None, chunk_size: int = 16,
                     max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Extraction | Failure]:
    """Extract every article, in input order, on `workers` processes (default: one per core); an article
    with more than `max_chars` characters to analyse is refused (NF109)."""
    workers = default_workers() if workers is None else workers
    yield from run_chunks(partial(extract_chunk, max_chars=max_chars), articles, workers=workers,
                          chunk_size=chunk_size, chunk_chars=WORKER_CHUNK_CHARS)


def extract_paths(
    paths: Iterable[str],
    *,
    workers: int | None = None,
    fetch_options: FetchOptions | None = None,
    on_warning: Callable[[str], None] | None = None,
    max_bytes: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Extraction | Failure]:
    """Read every input with `ingest` and extract it; unreadable inputs come out as Failures, in order.

    `fetch_options` says how URLs among `paths` are fetched (see `ingest.fetch.FetchOptions`);
    `on_warning` hears of each article read under another doc id, its own being taken; a file or JSONL
    line over `max_bytes` (default: `ingest.text.DEFAULT_MAX_BYTES`) is refused (NF107), an article with
    more than `max_chars` characters to analyse too (NF109).
    """
    from .ingest import read_paths

    failures: list[Failure] = []

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, max_bytes=max_bytes, fetch_options=fetch_options,
                               on_warning=on_warning):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                yield item

    for result in extract_articles(articles(), workers=workers, max_chars=max_chars):
        while failures:
            yield failures.pop(0)
        yield result
    yield from failures
