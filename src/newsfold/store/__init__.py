"""The store: everything newsfold has read, kept in SQLite (a file, the default) or PostgreSQL (a
`postgresql://` URL, for teams), behind one interface.

    from newsfold.store import open_store

    with open_store("newsfold.db") as store:            # or "postgresql://user@host/db"
        report = store.ingest(["today/"], workers=2)    # new articles join stories or start new ones
        store.export("all.jsonl")                       # every record, stable order

Writing (`ingest`, see `store.ingest` for the phases and the crash guarantees):

* `Store.ingest(paths, workers=1, on_failure=..., progress=None, enrich=None) -> IngestReport`
* `Store.ingest_articles(articles, ...)`: the same over `Article`s already read.
* `Store.export(path) -> int`: the records of `newsfold story`'s `records.jsonl` (quote, alignment,
  claim) plus `story` and `article` records, in a stable order (`store.export`).

Reading (plain dicts, JSON-ready; quotation, alignment and claim entries are the records `export` writes,
quotations with their `id` and cross-story `person` id added; see `store.read`):

* `Store.list_stories(limit=100, offset=0, outlet=, person=, since=, until=, sort="newest")`: newest
  first (or oldest, most outlets, most quotations, by title); `id`, `title`, `outlets`, `first_date`,
  `last_date`, counts of `articles`, `quotes`, `alignments`, `claims`, and whether it is `folded`. The
  filters keep the stories of one outlet (by id), of one person (by id), with an article dated in a range.
* `Store.count_stories(**filters)`: how many `list_stories` would list.
* `Store.get_story(id)`: `articles` (metadata, `quotes` count), `quotes`, `alignments`, `claims`,
  `people`, `coverage`, `brief`, `timeline`, `copies`; None when unknown.
* `Store.story_heading(id)`: its `id` and `title` only; None when unknown.
* `Store.story_model(id)`: the stored story as the `Story` model the report renders, its article ids by
  doc and its version; `Store.story_version(id)`: a token that changes whenever the model would (a new
  article, a new fold), so a reader may keep views of it meanwhile; None when unknown.
* `Store.get_article(id_or_doc)`: metadata, `text`, `body`, `residue`, `quotes`.
* `Store.list_people(limit=100, offset=0, sort="quotes", kind=None)`: most quoted first (or carried by
  most outlets, or by name), only "people" or only "organisations" with `kind`; each with its `kind` and
  counts of quotes, stories, outlets. `Store.count_people(kind=None)`.
* `Store.get_person(id)`: `name`, `kind`, `aliases`, `outlets`, `stories` and every quotation with its
  story, outlet, article title and date.
* `Store.outlet_names()`: every outlet's name, sorted. `Store.list_outlets()`: every outlet by name,
  its `id` (`read.outlet_id`), counts and dates;
  `Store.get_outlet(id)`: its articles story by story; `Store.outlet_name(id)`; None when unknown.
* `Store.search(query, limit=20, story=None, outlet=None)`: `quotes` and `articles` holding every word
  of the query (FTS5 on SQLite, tsvector on PostgreSQL), within one story or outlet when given; any input
  is a safe query.

Every quotation a read returns carries the id of its `article` and its `anchor` there
(`read.quote_anchor`), so a page can link to the place it stands.

A Store holds one connection: use one per thread (the web app opens one per request thread, read-only
for SQLite with `open_store(path, readonly=True)`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from newsfold.models import Article, Story
from newsfold.store import read
from newsfold.store.db import Database, connect, is_postgres_url
from newsfold.store.export import export_jsonl, export_records
from newsfold.store.ingest import IngestReport, ingest, ingest_articles
from newsfold.store.schema import SCHEMA_VERSION, SchemaError, ensure_schema

DEFAULT_DB = "newsfold.db"


class Store:
    """One open store database; see the module docstring for what it offers."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # writing
    def ingest(self, paths: Sequence[str], **kwargs: Any) -> IngestReport:
        return ingest(paths, self.db, **kwargs)

    def ingest_articles(self, articles: Iterable[Article], **kwargs: Any) -> IngestReport:
        return ingest_articles(articles, self.db, **kwargs)

    def export(self, path: str | os.PathLike[str]) -> int:
        return export_jsonl(self.db, path)

    def records(self) -> list[dict[str, Any]]:
        with self.db.snapshot():
            return list(export_records(self.db))

    # reading
    def list_stories(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        with self.db.snapshot():
            return read.list_stories(self.db, limit=limit, offset=offset, **filters)

    def count_stories(self, **filters: Any) -> int:
        with self.db.snapshot():
            return read.count_stories(self.db, **filters)

    def story_heading(self, story_id: str) -> dict[str, Any] | None:
        return read.story_heading(self.db, story_id)

    def outlet_name(self, outlet: str) -> str | None:
        return read.outlet_name(self.db, outlet)

    def story_model(self, story_id: str) -> tuple[Story, dict[str, str], str] | None:
        with self.db.snapshot():
            return read.story_model(self.db, story_id)

    def story_version(self, story_id: str) -> str | None:
        with self.db.snapshot():
            return read.story_version(self.db, story_id)

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        with self.db.snapshot():
            return read.get_story(self.db, story_id)

    def get_article(self, article: str) -> dict[str, Any] | None:
        with self.db.snapshot():
            return read.get_article(self.db, article)

    def list_people(
        self, *, limit: int = 100, offset: int = 0, sort: str = "quotes", kind: str | None = None
    ) -> list[dict[str, Any]]:
        with self.db.snapshot():
            return read.list_people(self.db, limit=limit, offset=offset, sort=sort, kind=kind)

    def count_people(self, *, kind: str | None = None) -> int:
        with self.db.snapshot():
            return read.count_people(self.db, kind=kind)

    def outlet_names(self) -> list[str]:
        return read.outlet_names(self.db)

    def list_outlets(self) -> list[dict[str, Any]]:
        with self.db.snapshot():
            return read.list_outlets(self.db)

    def get_outlet(self, outlet: str) -> dict[str, Any] | None:
        with self.db.snapshot():
            return read.get_outlet(self.db, outlet)

    def get_person(self, person: str) -> dict[str, Any] | None:
        with self.db.snapshot():
            return read.get_person(self.db, person)

    def search(
        self, query: str, *, limit: int = 20, story: str | None = None, outlet: str | None = None
    ) -> dict[str, Any]:
        with self.db.snapshot():
            return read.search(self.db, query, limit=limit, story=story, outlet=outlet)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(db: str | os.PathLike[str] = DEFAULT_DB, *, readonly: bool = False) -> Store:
    """Open (and, unless `readonly`, create or check the schema of) the store at `db`: a SQLite file path
    or a `postgresql://` URL. Raises SchemaError for a store written by another schema version."""
    db = str(db)
    if readonly and not is_postgres_url(db) and not os.path.exists(db):
        raise FileNotFoundError(f"no store at {db}")
    conn = connect(db, readonly=readonly)
    try:
        if not readonly:
            ensure_schema(conn)
    except BaseException:
        conn.close()
        raise
    return Store(conn)


__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "IngestReport", "SchemaError", "Store", "open_store"]
