"""`newsfold ingest`: read inputs, store every new article with what is found in it, cluster the new
articles into stories, and fold the stories that changed.

The run is three phases, each made of small transactions, so a crash or `kill -9` anywhere leaves the
store consistent and the next run with the same inputs finishes the job:

1. each new article (one not stored yet: ids are content hashes) is parsed and stored with its
   quotations, speakers and claim mentions in one transaction; it waits without a story;
2. all waiting articles are clustered in one transaction (a killed run leaves them waiting, and the next
   run clusters them together with the rest, as an unbroken run would have);
3. each story marked dirty is folded (alignments, claims, people) in one transaction.

Inputs come from `newsfold.ingest.read_paths`, so whatever it reads (files, folders, indexes, and URLs or
feeds where it accepts them) can be ingested.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from newsfold.errors import Failure, NewsfoldError
from newsfold.models import Article, ClaimMention, Extraction
from newsfold.progress import Progress
from newsfold.store.codec import article_id
from newsfold.store.db import Database
from newsfold.store.folding import Enrich, FoldFn, default_fold, fold_stored_story
from newsfold.store.writer import add_article, cluster_waiting, fill_metadata, known_ids, write_fold

Analysed = tuple[Extraction | Failure, list[ClaimMention] | None]


@dataclass
class IngestReport:
    """What one run did."""

    read: int = 0  # articles read from the inputs
    added: int = 0  # new articles stored
    known: int = 0  # articles the store already held
    updated: int = 0  # stored articles given metadata they lacked
    quotes: int = 0  # quotations of the new articles
    clustered: int = 0  # articles given a story
    moved: int = 0  # stored articles moved to another story by the new evidence
    new_stories: int = 0
    folded: int = 0  # stories folded
    unfolded: int = 0  # dirty stories left for a run where the story fold is installed
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        line = (
            f"{self.added} new articles ({self.quotes} quotations), {self.known} already stored"
            f"{f' ({self.updated} given new metadata)' if self.updated else ''}; "
            f"{self.clustered} placed in stories ({self.new_stories} new"
            f"{f', {self.moved} stored articles moved' if self.moved else ''}), "
            f"{self.folded} stories folded"
        )
        if self.unfolded:
            line += f", {self.unfolded} waiting for the story fold"
        return line + f"; {len(self.failures)} inputs failed"


def _claim_finder() -> Callable[..., Any] | None:
    try:
        return importlib.import_module("newsfold.nlp.claims").find_claims
    except (ImportError, AttributeError):
        return None


def _claims_by_article(articles: Sequence[Article], found: Any) -> list[list[ClaimMention]]:
    """`find_claims`'s answer, one list per article (it may answer by doc or in article order)."""
    if isinstance(found, dict):
        return [list(found.get(a.doc, ())) for a in articles]
    found = list(found)
    if len(found) == len(articles) and all(isinstance(x, list | tuple) for x in found):
        return [list(x) for x in found]
    by_doc: dict[str, list[ClaimMention]] = {}
    for m in found:
        by_doc.setdefault(m.doc, []).append(m)
    return [by_doc.get(a.doc, []) for a in articles]


def analyse_chunk(articles: list[Article], max_chars: int | None = None) -> list[Analysed]:
    """Extract quotations, speakers and (where the claim finder is installed) claim mentions of a chunk;
    an article with more than `max_chars` characters to analyse is refused (NF109, see `pipeline`).

    Runs in a worker process. A claim finder that fails costs the chunk its claim mentions only (they are
    marked missing and can be found by a later run), never its quotations.
    """
    from newsfold.nlp.model import load_model
    from newsfold.pipeline import DEFAULT_MAX_CHARS, extract_chunk

    results = extract_chunk(articles, DEFAULT_MAX_CHARS if max_chars is None else max_chars)
    if len(results) == len(articles):
        paired = list(results)
    else:  # the pipeline answers one result per article; pair by doc should that ever change
        by_doc = {(r.source if isinstance(r, Failure) else r.article.doc): r for r in results}
        paired = [by_doc.get(a.doc) for a in articles]
    finder = _claim_finder()
    mentions: list[list[ClaimMention] | None] = [None] * len(articles)
    if finder is not None:
        good = [i for i, r in enumerate(paired) if isinstance(r, Extraction)]
        try:
            per = _claims_by_article(
                [articles[i] for i in good], finder([articles[i] for i in good], load_model())
            )
            for i, m in zip(good, per, strict=True):
                mentions[i] = m
        except Exception as err:  # noqa: BLE001 - claims are optional; quotations are kept
            for r in paired:
                if isinstance(r, Extraction):
                    r.warnings.append(f"claims not found: {type(err).__name__}: {err}")
    out: list[Analysed] = []
    for a, r, m in zip(articles, paired, mentions, strict=True):
        if r is None:
            r = Failure(
                a.doc, NewsfoldError("NF201", a.doc, "the pipeline returned nothing for this article")
            )
        out.append((r, m))
    return out


CHUNK = 8  # articles per unit sent to a worker process


def analyse(articles: Iterable[Article], workers: int = 1, chunk_size: int = CHUNK,
            max_chars: int | None = None) -> Iterator[Analysed]:
    """`analyse_chunk` over all articles, in input order, on `workers` processes."""
    from newsfold.pipeline import run_chunks

    for r in run_chunks(partial(analyse_chunk, max_chars=max_chars), articles, workers=workers,
                        chunk_size=chunk_size):
        # an article whose worker died comes back as a bare Failure
        yield (r, None) if isinstance(r, Failure) else r


def new_articles(
    db: Database,
    items: Iterable[Article | Failure],
    report: IngestReport,
    on_failure: Callable[[Failure], None],
    repeats: list[Article],
) -> list[Article]:
    """The articles of `items` the store does not hold yet (first reading of each); stored ones are only
    given metadata they lacked, failures reported. Second readings of a new article go to `repeats`, to
    give it their metadata once it is stored (as a run after a crash would, finding it stored)."""
    out: list[Article] = []
    seen: set[str] = set()
    batch: list[Article] = []

    def flush() -> None:
        ids = [article_id(a) for a in batch]
        known = known_ids(db, ids)
        for a, i in zip(batch, ids, strict=True):
            if i in known:
                report.known += 1
                report.updated += fill_metadata(db, a)
            elif i in seen:
                report.known += 1
                repeats.append(a)
            else:
                seen.add(i)
                out.append(a)
        batch.clear()

    for item in items:
        if isinstance(item, Failure):
            report.failures.append(item)
            on_failure(item)
            continue
        report.read += 1
        batch.append(item)
        if len(batch) >= 200:
            flush()
    flush()
    return out


def ingest(
    paths: Sequence[str],
    db: Database,
    *,
    workers: int = 1,
    on_failure: Callable[[Failure], None] = lambda f: None,
    progress: bool | None = None,
    fold: FoldFn | None = None,
    enrich: Enrich | None = None,
    read: Callable[[Sequence[str]], Iterable[Article | Failure]] | None = None,
    extract: Callable[[list[Article]], Iterable[Analysed]] | None = None,
    max_chars: int | None = None,
) -> IngestReport:
    """Ingest every article under `paths` into `db` (whose schema exists). See the module docstring.

    `fold` defaults to `align.fold.fold_story` when installed (else dirty stories wait for it);
    `enrich` may add to each folded Story (a brief, a timeline) before it is stored; `read` defaults to
    `newsfold.ingest.read_paths`; `extract` defaults to `analyse` (spaCy, on `workers` processes) and
    must answer (Extraction or Failure, claim mentions or None) per article, in order; `max_chars` caps
    the characters of an article analysed (NF109; default `pipeline.DEFAULT_MAX_CHARS`). `progress` draws
    bars of the reading, parsing and folding on standard error (default: when it is a terminal).
    """
    if read is None:
        from newsfold.ingest import read_paths as read
    report = IngestReport()
    repeats: list[Article] = []
    with Progress("reading", None, enabled=progress) as bar:
        todo = new_articles(db, _counted(read(paths), bar), report, on_failure, repeats)

    bar = Progress("parsing", len(todo), enabled=progress)
    # no more processes than chunks of work: each one loads the language model first
    workers = max(1, min(workers, -(-len(todo) // CHUNK)))
    results = extract(todo) if extract is not None else analyse(todo, workers=workers, max_chars=max_chars)
    for result, mentions in results:
        bar.update()
        if isinstance(result, Failure):
            report.failures.append(result)
            on_failure(result)
            continue
        if add_article(db, result, mentions) is not None:
            report.added += 1
            report.quotes += len(result.quotes)
        else:
            report.known += 1
    bar.close()
    for a in repeats:
        report.updated += fill_metadata(db, a)

    plan = cluster_waiting(db)
    report.clustered = plan.placed
    report.moved = plan.moved
    report.new_stories = len(plan.new_stories)

    fold = fold or default_fold()
    dirty = [r["id"] for r in db.query("SELECT id FROM stories WHERE dirty = 1 ORDER BY id")]
    if fold is None:
        report.unfolded = len(dirty)
        return report
    bar = Progress("folding", len(dirty), enabled=progress, unit="stories")
    for sid in dirty:
        story, ids_by_doc = fold_stored_story(db, sid, fold, enrich)
        report.folded += write_fold(db, story, ids_by_doc)
        bar.update()
    bar.close()
    return report


def _counted(items: Iterable[Article | Failure], bar: Progress) -> Iterator[Article | Failure]:
    """`items`, each counted on `bar` as it is read (reading feeds and pages can take long too)."""
    for item in items:
        bar.update()
        yield item


def ingest_articles(articles: Iterable[Article], db: Database, **kwargs: Any) -> IngestReport:
    """`ingest` over Articles already read (as `read_paths` yields them)."""
    items = list(articles)
    return ingest([], db, read=lambda _paths: items, **kwargs)
