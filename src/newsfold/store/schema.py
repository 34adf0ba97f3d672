"""The store's tables, one definition for SQLite and PostgreSQL, and the version that guards them.

Ids are hashes of content (see `ids.py`), so every insert is an idempotent `ON CONFLICT DO NOTHING`.

* `articles`: one row per article (text and metadata); `story` is NULL while the article waits to be
  clustered, `copy_of` names the article it is a near-copy of.
* `article_terms`, `article_bands`: what the incremental clustering looks new articles up by: each
  article's most telling names and words, and its MinHash LSH band keys.
* `speakers`: the people each article resolves (`Person`), linked to `people`, one row per name across
  the whole store; `quotes`: every quotation, its full record as `extract` writes it in `record`.
* `claim_mentions`: the statements of fact found in each article, kept so that a re-fold never re-parses.
* `stories`: one row per story; `dirty` is 1 while its alignments and claims need recomputing after its
  articles changed; `fold` holds the story-wide people, coverage, brief and timeline as JSON.
* `alignments`, `claims`: the fold's cross-outlet records, replaced whole at each fold of a story.
"""

from __future__ import annotations

from newsfold.store.db import Database

SCHEMA_VERSION = 1

_TABLES = """
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL UNIQUE,
    source TEXT,
    title TEXT,
    date TEXT,
    author TEXT,
    outlet TEXT,
    url TEXT,
    encoding TEXT,
    body_start INTEGER NOT NULL,
    body_end INTEGER NOT NULL,
    residue TEXT NOT NULL,
    warnings TEXT NOT NULL,
    text TEXT NOT NULL,
    story TEXT,
    copy_of TEXT,
    similarity {real},
    claims_found INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE TABLE IF NOT EXISTS article_terms (
    term TEXT NOT NULL,
    article TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (term, article)
);
CREATE INDEX IF NOT EXISTS article_terms_article ON article_terms (article);
CREATE TABLE IF NOT EXISTS article_bands (
    band TEXT NOT NULL,
    article TEXT NOT NULL REFERENCES articles (id),
    PRIMARY KEY (band, article)
);
CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands (article);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS speakers (
    article TEXT NOT NULL REFERENCES articles (id),
    local_id TEXT NOT NULL,
    person TEXT REFERENCES people (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    titles TEXT NOT NULL,
    mentions TEXT NOT NULL,
    PRIMARY KEY (article, local_id)
);
CREATE INDEX IF NOT EXISTS speakers_person ON speakers (person);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles (id),
    pos_start INTEGER NOT NULL,
    pos_end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_id TEXT,
    person TEXT REFERENCES people (id),
    text TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article, pos_start);
CREATE INDEX IF NOT EXISTS quotes_person ON quotes (person);
CREATE TABLE IF NOT EXISTS claim_mentions (
    article TEXT NOT NULL REFERENCES articles (id),
    pos_start INTEGER NOT NULL,
    pos_end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (article, pos_start, pos_end, kind)
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    dirty INTEGER NOT NULL,
    fold TEXT
);
CREATE INDEX IF NOT EXISTS stories_dirty ON stories (dirty);
CREATE TABLE IF NOT EXISTS alignments (
    story TEXT NOT NULL REFERENCES stories (id),
    seq INTEGER NOT NULL,
    a_article TEXT NOT NULL,
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b_article TEXT NOT NULL,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    relation TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (story, seq)
);
CREATE INDEX IF NOT EXISTS alignments_a ON alignments (a_article, a_start);
CREATE INDEX IF NOT EXISTS alignments_b ON alignments (b_article, b_start);
CREATE TABLE IF NOT EXISTS claims (
    story TEXT NOT NULL REFERENCES stories (id),
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (story, id)
);
"""

# Full-text search: FTS5 tables written in the same transaction as the rows they index (SQLite) ...
_SQLITE_SEARCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5 (quote UNINDEXED, text, speaker);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (article UNINDEXED, title, text);
"""

# ... and generated tsvector columns with GIN indexes (PostgreSQL). 'simple' keeps every word (names,
# numbers) and does not stem, like FTS5's default tokenizer, so both databases find the same rows. An
# article is indexed on its first 200,000 characters: a tsvector holds at most 1 MB.
_POSTGRES_SEARCH = """
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(speaker, '') || ' ' || text)) STORED;
CREATE INDEX IF NOT EXISTS quotes_search ON quotes USING gin (search);
ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', left(coalesce(title, '') || ' ' || text, 200000))) STORED;
CREATE INDEX IF NOT EXISTS articles_search ON articles USING gin (search);
"""


class SchemaError(RuntimeError):
    """The database was written by another version of newsfold's store."""


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def ensure_schema(db: Database) -> None:
    """Create the tables when missing (in one transaction); refuse a database of another schema version."""
    real = "DOUBLE PRECISION" if db.dialect == "postgresql" else "REAL"
    script = _TABLES.format(real=real) + (_POSTGRES_SEARCH if db.dialect == "postgresql" else _SQLITE_SEARCH)
    with db.transaction():
        if db.dialect == "postgresql":
            db.execute("SELECT pg_advisory_xact_lock(7101)")  # two first runs must not race on CREATE
        existing = _version(db)
        if existing is not None:
            if existing != SCHEMA_VERSION:
                raise SchemaError(
                    f"the database has store schema {existing}; this newsfold reads {SCHEMA_VERSION}"
                )
            return
        for statement in _statements(script):
            db.execute(statement)
        db.execute(
            "INSERT INTO store_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
            (str(SCHEMA_VERSION),),
        )


def _version(db: Database) -> int | None:
    if db.dialect == "postgresql":
        present = db.one("SELECT to_regclass('store_meta') IS NOT NULL AS present")
        if not present or not present["present"]:
            return None
    else:
        if not db.one("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"):
            return None
    row = db.one("SELECT value FROM store_meta WHERE key = 'schema_version'")
    return int(row["value"]) if row else None
