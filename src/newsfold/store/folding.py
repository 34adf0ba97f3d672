"""Fold a stored story again after its articles changed: rebuild its extractions from the rows (no parse)
and hand them to `align.fold.fold_story`, which recomputes alignments, claims and people."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from newsfold.models import ClaimMention, Extraction, Story
from newsfold.store.codec import article_from_row, loads, mention_from_row, person_from_row, quote_from_record
from newsfold.store.db import Database

FoldFn = Callable[..., Story]
Enrich = Callable[[Story], Story]


def story_inputs(
    db: Database, sid: str
) -> tuple[list[Extraction], dict[str, list[ClaimMention]], dict[str, str], dict[str, str]]:
    """A story's extractions (in doc order), claim mentions by doc, copies (doc -> doc) and ids by doc."""
    rows = db.query("SELECT * FROM articles WHERE story = ? ORDER BY doc", (sid,))
    ids_by_doc = {r["doc"]: r["id"] for r in rows}
    doc_of = {r["id"]: r["doc"] for r in rows}
    extractions: list[Extraction] = []
    mentions: dict[str, list[ClaimMention]] = {}
    for r in rows:
        aid = r["id"]
        quotes = [
            quote_from_record(loads(q["record"]))
            for q in db.query(
                "SELECT record FROM quotes WHERE article = ? ORDER BY pos_start, pos_end, kind", (aid,)
            )
        ]
        people = [
            person_from_row(p)
            for p in db.query("SELECT * FROM speakers WHERE article = ? ORDER BY local_id", (aid,))
        ]
        extractions.append(Extraction(article_from_row(r), quotes, people, loads(r["warnings"])))
        found = db.query(
            "SELECT * FROM claim_mentions WHERE article = ? ORDER BY pos_start, pos_end, kind", (aid,)
        )
        if found:
            mentions[r["doc"]] = [mention_from_row(m, r["doc"]) for m in found]
    copies = {r["doc"]: doc_of[r["copy_of"]] for r in rows if r["copy_of"] in doc_of}
    return extractions, mentions, copies, ids_by_doc


def default_fold() -> FoldFn | None:
    """`align.fold.fold_story` with the aligners it needs, or None where they are not installed."""
    try:
        for name in ("quotes", "claims", "coverage"):  # the fold's default aligners
            importlib.import_module(f"newsfold.align.{name}")
        from newsfold.align.fold import fold_story
    except ImportError:
        return None
    return fold_story


def fold_stored_story(
    db: Database, sid: str, fold: FoldFn, enrich: Enrich | None = None
) -> tuple[Story, dict[str, str]]:
    """Fold story `sid` from its stored rows; returns the Story and the article ids by doc."""
    extractions, mentions, copies, ids_by_doc = story_inputs(db, sid)
    kwargs: dict[str, Any] = {"copies": copies} if copies else {}
    story = fold(sid, extractions, mentions, **kwargs)
    if enrich is not None:
        story = enrich(story)
    return story, ids_by_doc
