"""Shared fixtures for the store tests: each runs against SQLite and, when NEWSFOLD_TEST_PG names a server,
against PostgreSQL (in a schema of its own, dropped afterwards)."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

if importlib.util.find_spec("newsfold") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))

from newsfold.ingest import read_paths  # noqa: E402
from newsfold.models import Article, Extraction, Person, Quote, Span  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "data" / "store"
PG = os.environ.get("NEWSFOLD_TEST_PG")


def pg_schema_url(base: str) -> tuple[str, str]:
    """A fresh schema on the test server, and a URL whose connections use it."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    return name, f"{base}{sep}options={quote(f'-csearch_path={name}')}"


def drop_pg_schema(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A store location: a SQLite file, or a PostgreSQL URL (skipped when no test server is configured)."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    if not PG:
        pytest.skip("NEWSFOLD_TEST_PG is not set (see .ci/postgres.sh)")
    name, url = pg_schema_url(PG)
    try:
        yield url
    finally:
        drop_pg_schema(PG, name)


def data_articles() -> list[Article]:
    """The invented articles of tests/data/store, as `read_paths` reads them."""
    return [a for a in read_paths([str(DATA)]) if isinstance(a, Article)]


_QUOTE = re.compile(r'"([^"]+)"')
_NAME = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b")


def fake_extraction(article: Article) -> Extraction:
    """Quotations without spaCy: every double-quoted span, its speaker the first two-word name of its
    paragraph outside the quotation. Enough to exercise storage; extraction itself is tested in nlp/."""
    text = article.text
    quotes: list[Quote] = []
    people: dict[str, Person] = {}
    for m in _QUOTE.finditer(text):
        para_start = text.rfind("\n\n", 0, m.start()) + 1
        para_end = text.find("\n\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        speaker = None
        for n in _NAME.finditer(text, para_start, para_end):
            if not (m.start() <= n.start() < m.end()):
                speaker = n
                break
        pid = None
        if speaker:
            name = speaker.group(1)
            person = people.get(name)
            if person is None:
                person = people[name] = Person(f"p{len(people) + 1}", name)
            person.mentions.append(Span(speaker.start(), speaker.end(), name))
            pid = person.id
        quotes.append(Quote(article.doc, m.start(1), m.end(1), m.group(1), "direct",
                            speaker=speaker.group(1) if speaker else None, speaker_id=pid,
                            speaker_mention=Span(speaker.start(), speaker.end(), speaker.group(1)) if speaker
                            else None))
    return Extraction(article, quotes, list(people.values()))


def fake_extract(articles):
    """An `extract` for `ingest`: fake extractions, no claim finder."""
    return [(fake_extraction(a), None) for a in articles]
