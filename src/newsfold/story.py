"""Fold many articles into stories and write each one out: `newsfold cluster` and `newsfold story`.

`build_stories` reads the inputs, extracts every article's quotations and claims on every core, groups
the articles into stories, folds each story (`align.fold`), writes its brief (`report.brief`), and
returns the stories with the failures met on the way. `write_story` writes one story's three files.

Which articles form a story: the `story` field of an article index when every article has one (the
user said so), otherwise the story clustering of `align.stories`; `regroup=True` always clusters.
Copies (the same wire text in two outlets) are found by the clustering either way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from newsfold.align.stories import StoryAssignment
from newsfold.errors import Failure, NewsfoldError
from newsfold.models import Article, ClaimMention, Extraction, Story
from newsfold.pipeline import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from newsfold.ingest.fetch import FetchOptions

CHUNK = 8  # articles a worker analyses at a time


@dataclass
class Analysed:
    """One article's extraction and the claim mentions found in it."""

    extraction: Extraction
    claims: list[ClaimMention] = field(default_factory=list)


def analyse_chunk(articles: list[Article], max_chars: int = DEFAULT_MAX_CHARS) -> list[Analysed | Failure]:
    """Extract quotations and find claims in a chunk of articles, in this process (one spaCy model), from
    one parse of each paragraph; an article with more than `max_chars` characters to analyse is refused
    unparsed (NF109). An article whose claims cannot be found keeps its quotations and is reported (NF202)
    after the chunk's results."""
    from newsfold import pipeline
    from newsfold.nlp.claims import claims_of_parses

    claims: dict[str, list[ClaimMention]] = {}
    broken: dict[str, Failure] = {}

    def on_parsed(article: Article, parsed: list) -> None:
        try:
            claims[article.doc] = claims_of_parses(article, parsed)
            broken.pop(article.doc, None)
        except Exception as err:  # noqa: BLE001 - the article keeps its quotations; the rest go on
            claims.pop(article.doc, None)
            broken[article.doc] = Failure(article.doc, NewsfoldError("NF202", article.doc,
                                                                     f"{type(err).__name__}: {err}"))

    results = pipeline.extract_chunk(articles, max_chars, on_parsed=on_parsed)
    out: list[Analysed | Failure] = []
    done = set()
    for r in results:
        if isinstance(r, Failure):
            out.append(r)
        else:
            out.append(Analysed(r, claims.get(r.article.doc, [])))
            done.add(r.article.doc)
    return out + [f for doc, f in broken.items() if doc in done]


def analyse_articles(articles: Iterable[Article], *, workers: int | None = None, chunk_size: int = CHUNK,
                     max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Analysed | Failure]:
    """`analyse_chunk` over every article on `workers` processes (default: one per core), in input order."""
    from newsfold.pipeline import default_workers, run_chunks

    workers = default_workers() if workers is None else workers
    yield from run_chunks(partial(analyse_chunk, max_chars=max_chars), articles, workers=workers,
                          chunk_size=chunk_size)


Warn = Callable[[str], None]


def read_articles(paths: Sequence[str], *, on_warning: Warn | None = None, max_bytes: int | None = None,
                  progress: bool | None = False,
                  fetch_options: FetchOptions | None = None) -> tuple[list[Article], list[Failure]]:
    """Every article under `paths` (each with a doc id of its own: `on_warning` hears of an article read
    under another, see `ingest.docids`), and a Failure for each input that could not be read (a file or
    JSONL line over `max_bytes`, default `ingest.text.DEFAULT_MAX_BYTES`, among them). `progress` draws
    a bar of the inputs read on standard error (None: when it is a terminal; see `newsfold.progress`);
    `fetch_options` says how URLs, and with `follow_links` the items of feed files, are fetched."""
    from newsfold.ingest import read_paths
    from newsfold.progress import Progress

    articles: list[Article] = []
    failures: list[Failure] = []
    with Progress("reading", None, enabled=progress) as bar:
        for item in read_paths(paths, max_bytes=max_bytes, on_warning=on_warning,
                               fetch_options=fetch_options):
            (failures if isinstance(item, Failure) else articles).append(item)
            bar.update()
    return articles, failures


def cluster_paths(paths: Sequence[str], *, on_warning: Warn | None = None, max_bytes: int | None = None,
                  segment: int | None = None,
                  progress: bool | None = False) -> tuple[Iterator[StoryAssignment], list[Failure]]:
    """`newsfold cluster`: the story of every readable article under `paths` (`StoryAssignment`s, in
    input order), and the inputs that failed. `progress` draws a bar of the inputs read (None: when
    standard error is a terminal).

    Up to `segment` articles (default `align.stories.SEGMENT`) are clustered in memory. Beyond that the
    articles' analysed text goes to a temporary SQLite file as it is read, comes back in date order for
    `align.stories.stream_stories`, and the assignments go back to the file, so memory does not grow
    with the corpus; the stories are the ones `cluster_articles` gives for the same articles.
    """
    from newsfold.align.stories import SEGMENT, cluster_articles
    from newsfold.ingest import read_paths
    from newsfold.progress import Progress

    segment = SEGMENT if segment is None else segment
    failures: list[Failure] = []
    held: list[Article] = []
    spill: _Spill | None = None
    bar = Progress("reading", None, enabled=progress)
    for item in read_paths(paths, max_bytes=max_bytes, on_warning=on_warning):
        bar.update()
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if spill is None and len(held) < segment:
            held.append(item)
            continue
        if spill is None:
            spill = _Spill()
            for a in held:
                spill.add(a)
            held = []
        spill.add(item)
    bar.close()
    if spill is None:
        return iter(cluster_articles(held, segment=segment)), failures
    return spill.cluster(segment), failures


class _Spill:
    """Articles on disk, as much of each as clustering reads, in a temporary SQLite file."""

    def __init__(self) -> None:
        import sqlite3
        import tempfile

        self._dir = tempfile.TemporaryDirectory(prefix="newsfold-cluster-")
        self._db = sqlite3.connect(str(Path(self._dir.name) / "articles.db"))
        self._db.execute("PRAGMA journal_mode=OFF")  # a scratch file: nothing to recover after a crash
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(
            "CREATE TABLE art (seq INTEGER PRIMARY KEY, undated INTEGER, day INTEGER, doc TEXT, date TEXT,"
            " text TEXT, story TEXT, copy_of TEXT, similarity REAL)"
        )
        self._n = 0

    def add(self, article: Article) -> None:
        from newsfold.align.stories import analysed_text, date_key

        undated, day = date_key(article.date)
        self._db.execute(
            "INSERT INTO art (seq, undated, day, doc, date, text) VALUES (?, ?, ?, ?, ?, ?)",
            (self._n, undated, day, article.doc, article.date, analysed_text(article)),
        )
        self._n += 1

    def cluster(self, segment: int) -> Iterator[StoryAssignment]:
        from newsfold.align.stories import stream_stories

        try:
            db = self._db
            # sorted by align.stories.date_key, then as read: the order cluster_articles uses
            rows = db.execute("SELECT seq, doc, date, text FROM art ORDER BY undated, day, seq")
            articles = (Article(doc=doc, text=text, date=date, source=str(seq))
                        for seq, doc, date, text in rows)
            for story in stream_stories(articles, segment=segment):
                db.executemany(
                    "UPDATE art SET story = ?, copy_of = ?, similarity = ? WHERE seq = ?",
                    [(s.story, s.copy_of, s.similarity, int(a.source)) for a, s in story],
                )
            for doc, story_id, copy_of, similarity in db.execute(
                "SELECT doc, story, copy_of, similarity FROM art ORDER BY seq"
            ):
                yield StoryAssignment(doc, story_id, copy_of, similarity)
        finally:
            self._db.close()
            self._dir.cleanup()


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def folder_name(story_id: str) -> str:
    """A story id as a folder name: letters, digits, dot, dash and underscore only."""
    name = _SAFE.sub("-", story_id).strip("-.") or "story"
    return name[:80]


def group_stories(articles: Sequence[Article], *, regroup: bool = False) -> tuple[dict[str, list[str]],
                                                                               dict[str, str]]:
    """Which articles form each story (story id -> docs, in input order) and which copy which (doc -> doc).

    The index's `story` field is used when every article has one and `regroup` is false; otherwise the
    stories of `align.stories.cluster_articles`. Copies are only kept within one story.
    """
    from newsfold.align.stories import cluster_articles

    assigned = {s.doc: s for s in cluster_articles(articles)}
    return stories_and_copies([(a.doc, a.story) for a in articles], assigned, regroup=regroup)


def stories_and_copies(docs: Sequence[tuple[str, str | None]], assigned: dict[str, StoryAssignment], *,
                       regroup: bool = False) -> tuple[dict[str, list[str]], dict[str, str]]:
    """`group_stories` from the clustering's assignment of each doc: `docs` are (doc, the story an index
    gives it or None) in input order."""
    declared = not regroup and docs and all(story for _, story in docs)
    story_of = {doc: (story if declared else assigned[doc].story) for doc, story in docs}
    stories: dict[str, list[str]] = defaultdict(list)
    for doc, _ in docs:
        stories[story_of[doc]].append(doc)
    copies = {}
    for doc, _ in docs:
        original = assigned[doc].copy_of
        if original and story_of.get(original) == story_of[doc]:
            copies[doc] = original
    return dict(stories), copies


@dataclass
class StoryRun:
    """What `build_stories` made: the folded stories (largest first) and every failure met."""

    stories: list[Story]
    failures: list[Failure]
    articles: int = 0


def build_stories(paths: Sequence[str], *, workers: int | None = None, regroup: bool = False,
                  on_warning: Warn | None = None, max_bytes: int | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS, progress: bool | None = False,
                  fetch_options: FetchOptions | None = None) -> StoryRun:
    """Read, extract, find claims, group into stories, fold, and write each story's brief and timeline.

    `on_warning` hears of each article read under another doc id, its own being taken by an earlier one;
    `max_bytes` caps each file and JSONL line read (see `read_articles`); an article with more than
    `max_chars` characters to analyse is refused unparsed (NF109). `progress` draws bars of the reading,
    the parsing and the folding on standard error (None: when it is a terminal); `fetch_options` as
    `read_articles`."""
    from newsfold.align.fold import fold_story
    from newsfold.pipeline import default_workers
    from newsfold.progress import Progress
    from newsfold.report.brief import add_brief

    articles, failures = read_articles(paths, on_warning=on_warning, max_bytes=max_bytes, progress=progress,
                                       fetch_options=fetch_options)
    # no more processes than chunks of work: each one loads the language model first
    workers = min(default_workers() if workers is None else workers, -(-len(articles) // CHUNK) or 1)
    analysed: dict[str, Analysed] = {}
    with Progress("parsing", len(articles), enabled=progress) as bar:
        for result in analyse_articles(articles, workers=workers, max_chars=max_chars):
            if not isinstance(result, Failure) or result.error.code != "NF202":
                bar.update()  # an NF202 comes beside its article's result, which was counted
            if isinstance(result, Failure):
                failures.append(result)
            else:
                analysed[result.extraction.article.doc] = result
    kept = [a for a in articles if a.doc in analysed]
    groups, copies = group_stories(kept, regroup=regroup)
    stories = []
    with Progress("folding", len(kept), enabled=progress) as bar:
        for sid, docs in groups.items():
            story = fold_story(
                sid,
                [analysed[d].extraction for d in docs],
                {d: analysed[d].claims for d in docs},
                copies={d: o for d, o in copies.items() if d in docs},
            )
            stories.append(add_brief(story))
            bar.update(len(docs))
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return StoryRun(stories, failures, len(kept))


def write_story(story: Story, folder: str | Path) -> dict[str, Path]:
    """Write records.jsonl, story.json and report.html for one story into `folder`; returns their paths."""
    from newsfold.report.html import write_report
    from newsfold.report.json import write_story_json
    from newsfold.report.records import write_records

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"records": folder / "records.jsonl", "story": folder / "story.json",
             "report": folder / "report.html"}
    write_records(story, paths["records"])
    write_story_json(story, paths["story"])
    write_report(story, paths["report"])
    return paths


def write_stories(stories: Sequence[Story], output: str | Path) -> list[Path]:
    """Write the stories under `output`: one story straight into it; several, one sub-folder each (named
    by story id) and an index.html linking them. Returns the folders written."""
    from newsfold.report.html import write_index

    output = Path(output)
    if len(stories) == 1:
        write_story(stories[0], output)
        return [output]
    folders = []
    used: set[str] = set()
    for story in stories:
        name = folder_name(story.id)
        while name in used:
            name += "_"
        used.add(name)
        write_story(story, output / name)
        folders.append(output / name)
    if stories:
        write_index(stories, [f.name for f in folders], output / "index.html")
    return folders
