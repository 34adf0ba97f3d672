"""The store's units of work, each one transaction: an article with everything found in it; the stories
the waiting articles join; one story's fold.

Each is idempotent: run twice, or run again after a crash half-way (which rolled it back whole), it ends
in the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsfold.ingest.docids import renamed_doc
from newsfold.models import Article, ClaimMention, Extraction, Story
from newsfold.store.clustering import Plan, assign_pending, lookup_keys
from newsfold.store.codec import (
    article_id,
    dumps,
    is_named,
    mention_detail,
    person_id,
    quote_id,
)
from newsfold.store.db import Database

CLUSTER_LOCK = 7102  # PostgreSQL advisory lock: one clustering of waiting articles at a time

FILLABLE = ("title", "date", "author", "url")


def _upsert_person(db: Database, name: str) -> str:
    pid = person_id(name)
    db.execute("INSERT INTO people (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", (pid, name.strip()))
    return pid


def add_article(db: Database, extraction: Extraction, mentions: Sequence[ClaimMention] | None) -> str | None:
    """Store one article, its quotations, speakers and claim mentions; it waits for a story.

    Returns the article's id, or None when the store already holds it (nothing is written). `mentions` is
    None when no claim finder ran (the article is marked so that one can run later).
    """
    art = extraction.article
    aid = article_id(art)
    with db.transaction():
        if db.one("SELECT id FROM articles WHERE id = ?", (aid,)):
            return None
        # Another article (other text, e.g. an edited file) may be stored under this name: keep both, and
        # keep docs unique, since every record names its article by doc. The second name is unique to
        # this article's id, so only this article itself can hold it.
        inserted = 0
        for doc in (art.doc, renamed_doc(art)):
            if db.one("SELECT id FROM articles WHERE doc = ?", (doc,)):
                continue
            inserted = db.execute(
                "INSERT INTO articles (id, doc, source, title, date, author, outlet, url, encoding, "
                "body_start, body_end, residue, warnings, text, story, copy_of, similarity, claims_found) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?) "
                "ON CONFLICT DO NOTHING",
                (
                    aid,
                    doc,
                    art.source,
                    art.title,
                    art.date,
                    art.author,
                    art.outlet,
                    art.url,
                    art.encoding,
                    art.body[0],
                    art.body[1],
                    dumps([r.to_dict() for r in art.residue]),
                    dumps(extraction.warnings),
                    art.text,
                    0 if mentions is None else 1,
                ),
            )
            if inserted:
                break
            if db.one("SELECT id FROM articles WHERE id = ?", (aid,)):
                return None  # another run stored it meanwhile (PostgreSQL: it waited for that run's commit)
        if not inserted:
            return None
        keys = lookup_keys(art)
        db.executemany(
            "INSERT INTO article_terms (term, article) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(t, aid) for t in keys.terms],
        )
        db.executemany(
            "INSERT INTO article_bands (band, article) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(b, aid) for b in keys.bands],
        )
        persons: dict[str, str | None] = {}
        for p in extraction.people:
            pid = _upsert_person(db, p.name) if is_named(p.name) else None
            persons[p.id] = pid
            db.execute(
                "INSERT INTO speakers (article, local_id, person, name, kind, titles, mentions) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (aid, p.id, pid, p.name, p.kind, dumps(p.titles), dumps([m.to_dict() for m in p.mentions])),
            )
        for q in extraction.quotes:
            q = replace(q, doc=doc)
            qid = quote_id(aid, q)
            pid = persons.get(q.speaker_id) if q.speaker_id else None
            if pid is None and q.speaker and is_named(q.speaker) and not q.speaker_id:
                pid = _upsert_person(db, q.speaker)
            if (
                db.execute(
                    "INSERT INTO quotes (id, article, pos_start, pos_end, kind, speaker, speaker_id, person, "
                    "text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        qid,
                        aid,
                        q.start,
                        q.end,
                        q.kind,
                        q.speaker,
                        q.speaker_id,
                        pid,
                        q.text,
                        dumps(q.to_record()),
                    ),
                )
                and db.dialect == "sqlite"
            ):
                db.execute(
                    "INSERT INTO quotes_fts (quote, text, speaker) VALUES (?, ?, ?)",
                    (qid, q.text, q.speaker or ""),
                )
        for m in mentions or ():
            db.execute(
                "INSERT INTO claim_mentions (article, pos_start, pos_end, kind, text, detail) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (aid, m.start, m.end, m.kind, m.text, mention_detail(m)),
            )
        if db.dialect == "sqlite":
            db.execute(
                "INSERT INTO articles_fts (article, title, text) VALUES (?, ?, ?)",
                (aid, art.title or "", art.text),
            )
    return aid


def known_ids(db: Database, ids: Sequence[str]) -> set[str]:
    """Which of `ids` the store holds already."""
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        part = list(ids[i : i + 500])
        marks = ",".join("?" * len(part))
        found |= {r["id"] for r in db.query(f"SELECT id FROM articles WHERE id IN ({marks})", part)}
    return found


def fill_metadata(db: Database, article: Article) -> bool:
    """Give a stored article the metadata it lacked and this reading of it has (a title, a date...).

    Values already stored are kept, so readings in any order end the same when they agree. Returns whether
    anything changed; its story is then folded again.
    """
    aid = article_id(article)
    with db.transaction():
        row = db.one(f"SELECT story, {', '.join(FILLABLE)} FROM articles WHERE id = ?", (aid,))
        if row is None:
            return False
        changes = {k: getattr(article, k) for k in FILLABLE if row[k] is None and getattr(article, k)}
        if not changes:
            return False
        db.execute(
            f"UPDATE articles SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?",
            (*changes.values(), aid),
        )
        if "title" in changes and db.dialect == "sqlite":
            text = db.one("SELECT text FROM articles WHERE id = ?", (aid,))["text"]
            db.execute("DELETE FROM articles_fts WHERE article = ?", (aid,))
            db.execute(
                "INSERT INTO articles_fts (article, title, text) VALUES (?, ?, ?)",
                (aid, changes["title"], text),
            )
        if row["story"]:
            db.execute("UPDATE stories SET dirty = 1 WHERE id = ?", (row["story"],))
    return True


def cluster_waiting(db: Database) -> Plan:
    """Give every waiting article a story, in one transaction (see `clustering.assign_pending`).

    Stories that gained or lost articles are marked dirty, to be folded again; a story left without
    articles (merged into another) is removed with its alignments and claims.
    """
    with db.transaction():
        if db.dialect == "postgresql":
            db.execute("SELECT pg_advisory_xact_lock(?)", (CLUSTER_LOCK,))
        plan = assign_pending(db)
        for s in sorted(plan.new_stories):
            db.execute("INSERT INTO stories (id, title, dirty, fold) VALUES (?, NULL, 1, NULL) "
                       "ON CONFLICT DO NOTHING", (s,))
        db.executemany("UPDATE articles SET story = ?, copy_of = ?, similarity = ? WHERE id = ?",
                       [(a.story, a.copy_of, a.similarity, a.article) for a in plan.assignments])
        for s in sorted(plan.changed_stories | plan.new_stories):
            if not db.one("SELECT 1 AS x FROM articles WHERE story = ? LIMIT 1", (s,)):
                db.execute("DELETE FROM alignments WHERE story = ?", (s,))
                db.execute("DELETE FROM claims WHERE story = ?", (s,))
                db.execute("DELETE FROM stories WHERE id = ?", (s,))
                continue
            db.execute("UPDATE stories SET dirty = 1 WHERE id = ?", (s,))
            # Until the fold names it, a story goes by its earliest titled article's title.
            titled = db.query(
                "SELECT date, doc, title FROM articles WHERE story = ? AND title IS NOT NULL", (s,))
            if titled:
                first = min(titled, key=lambda r: (r["date"] or "9999", r["doc"]))
                db.execute("UPDATE stories SET title = ? WHERE id = ? AND fold IS NULL", (first["title"], s))
    return plan


def write_fold(db: Database, story: Story, ids_by_doc: dict[str, str], *, expect_dirty: bool = True) -> bool:
    """Replace one story's alignments, claims and story-wide people with `story`'s, and mark it clean.

    `ids_by_doc` maps the docs of the story's articles to their ids. With `expect_dirty`, a story that
    another process folded meanwhile is left alone (returns False).
    """
    sid = story.id
    with db.transaction():
        row = db.one("SELECT dirty FROM stories WHERE id = ?", (sid,))
        if row is None or (expect_dirty and not row["dirty"]):
            return False
        db.execute("DELETE FROM alignments WHERE story = ?", (sid,))
        db.execute("DELETE FROM claims WHERE story = ?", (sid,))
        rows = []
        for seq, al in enumerate(story.alignments):
            al = replace(al, story=sid)
            rows.append(
                (
                    sid,
                    seq,
                    ids_by_doc[al.a.doc],
                    al.a.start,
                    al.a.end,
                    ids_by_doc[al.b.doc],
                    al.b.start,
                    al.b.end,
                    al.relation,
                    dumps(al.to_record()),
                )
            )
        db.executemany(
            "INSERT INTO alignments (story, seq, a_article, a_start, a_end, b_article, b_start, b_end, "
            "relation, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.executemany(
            "INSERT INTO claims (story, id, status, kind, text, record) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [
                (sid, c.id, c.status, c.kind, c.text, dumps(replace(c, story=sid).to_record()))
                for c in story.claims
            ],
        )
        # The fold resolves speakers across the story ("Marenko" in one article is "Ilse Marenko" in another):
        # link their quotations to the story-wide person, so a person page gathers them.
        for p in story.people:
            name = p.get("name")
            if not is_named(name) or p.get("kind") not in (None, "person", "org", "group", "unknown"):
                continue
            pid = _upsert_person(db, name)
            for m in p.get("members", ()):
                aid = ids_by_doc.get(m["doc"])
                if aid is None:
                    continue
                db.execute(
                    "UPDATE speakers SET person = ? WHERE article = ? AND local_id = ?", (pid, aid, m["id"])
                )
                db.execute(
                    "UPDATE quotes SET person = ? WHERE article = ? AND speaker_id = ?", (pid, aid, m["id"])
                )
        fold = {
            "people": story.people,
            "coverage": story.coverage,
            "brief": [b.to_dict() for b in story.brief],
            "timeline": [t.to_dict() for t in story.timeline],
            "copies": getattr(story, "copies", None) or {},
        }
        db.execute(
            "UPDATE stories SET title = ?, dirty = 0, fold = ? WHERE id = ?", (story.title, dumps(fold), sid)
        )
    return True
