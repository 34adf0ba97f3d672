"""`newsfold export`: every record of the store, one JSON object a line, in a stable order.

Story by story (by id), each story's records follow it: a `story` record, its `article` records (by doc),
its quotation records as `newsfold extract` writes them (by doc and offsets), its alignments (in fold order)
and claims (by id). Articles still waiting for a story come last. Everything is sorted in Python, never
by the database's collation, so SQLite and PostgreSQL stores of the same content export the same bytes,
whatever order it was ingested in and however often a run was interrupted.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfold.store.codec import loads
from newsfold.store.db import Database


def _quote_order(r: dict[str, Any]) -> tuple:
    return (r["doc"], r["start"], r["end"], r["kind"], r["text"])


def _article_records(db: Database, rows: list[dict[str, Any]], doc_of: dict[str, str]) -> Iterator[dict]:
    for a in sorted(rows, key=lambda r: r["doc"]):
        yield {
            "type": "article",
            "id": a["id"],
            "doc": a["doc"],
            "story": a["story"],
            "outlet": a["outlet"],
            "title": a["title"],
            "date": a["date"],
            "author": a["author"],
            "url": a["url"],
            "copy_of": doc_of.get(a["copy_of"]) if a["copy_of"] else None,
        }
    quotes: list[dict[str, Any]] = []
    for a in rows:
        quotes += [
            loads(q["record"]) for q in db.query("SELECT record FROM quotes WHERE article = ?", (a["id"],))
        ]
    yield from sorted(quotes, key=_quote_order)


def export_records(db: Database) -> Iterator[dict[str, Any]]:
    """Every record of the store in the stable order described above."""
    articles = db.query("SELECT id, doc, story, outlet, title, date, author, url, copy_of FROM articles")
    doc_of = {a["id"]: a["doc"] for a in articles}
    by_story: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        by_story[a["story"]].append(a)
    stories = {s["id"]: s for s in db.query("SELECT id, title, dirty FROM stories")}
    for sid in sorted(stories):
        members = by_story.get(sid, [])
        dates = sorted(a["date"] for a in members if a["date"])
        yield {
            "type": "story",
            "id": sid,
            "title": stories[sid]["title"],
            "articles": sorted(a["doc"] for a in members),
            "outlets": sorted({a["outlet"] for a in members if a["outlet"]}),
            "dates": [dates[0], dates[-1]] if dates else None,
            "folded": not stories[sid]["dirty"],
        }
        yield from _article_records(db, members, doc_of)
        aligned = db.query("SELECT seq, record FROM alignments WHERE story = ?", (sid,))
        yield from (loads(r["record"]) for r in sorted(aligned, key=lambda r: r["seq"]))
        yield from (
            loads(r["record"])
            for r in sorted(
                db.query("SELECT id, record FROM claims WHERE story = ?", (sid,)), key=lambda r: r["id"]
            )
        )
    if by_story.get(None):
        yield from _article_records(db, by_story[None], doc_of)


def export_jsonl(db: Database, output: str | os.PathLike[str]) -> int:
    """Write every record to `output` (replaced whole, never left half-written); returns the count.

    Lines are written as `newsfold extract` and `newsfold story` write theirs (`json.dumps`, UTF-8).
    """
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            # One read transaction: the export is a snapshot even while an ingest writes.
            with db.snapshot():
                for record in export_records(db):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
