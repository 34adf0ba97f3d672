"""Reading the store: the stories, one story whole, a person across stories, an article, and search.

Plain functions over a `Database`, returning JSON-ready dicts (records as `export` writes them), so a web
page and its `.json` twin show the same data. Lists are sorted in Python, never by database collation,
so SQLite and PostgreSQL answer alike.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from newsfold.store.codec import is_named, loads, person_id
from newsfold.store.db import Database

_WORD = re.compile(r"\w+")
SNIPPET = 160  # characters of context shown around a search hit


def _article_meta(row: dict[str, Any], doc_of: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "id": row["id"],
        "doc": row["doc"],
        "story": row["story"],
        "outlet": row["outlet"],
        "title": row["title"],
        "date": row["date"],
        "author": row["author"],
        "url": row["url"],
        "copy_of": (doc_of or {}).get(row["copy_of"], row["copy_of"]) if row["copy_of"] else None,
    }


def list_stories(db: Database, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, newest first (by their latest article's date; undated last), each with its title, outlets,
    first and last dates, and counts of articles, quotations, alignments and claims."""
    arts = db.query("SELECT story, outlet, date FROM articles WHERE story IS NOT NULL")
    info: dict[str, dict[str, Any]] = {}
    for s in db.query("SELECT id, title, dirty FROM stories"):
        info[s["id"]] = {
            "id": s["id"],
            "title": s["title"],
            "folded": not s["dirty"],
            "articles": 0,
            "outlets": set(),
            "first_date": None,
            "last_date": None,
            "quotes": 0,
            "alignments": 0,
            "claims": 0,
        }
    for a in arts:
        s = info.get(a["story"])
        if s is None:
            continue
        s["articles"] += 1
        if a["outlet"]:
            s["outlets"].add(a["outlet"])
        if a["date"]:
            d = a["date"][:10]
            s["first_date"] = min(s["first_date"] or d, d)
            s["last_date"] = max(s["last_date"] or d, d)
    for table, key in (("alignments", "alignments"), ("claims", "claims")):
        for r in db.query(f"SELECT story, count(*) AS n FROM {table} GROUP BY story"):
            if r["story"] in info:
                info[r["story"]][key] = r["n"]
    for r in db.query(
        "SELECT a.story AS story, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article "
        "WHERE a.story IS NOT NULL GROUP BY a.story"
    ):
        if r["story"] in info:
            info[r["story"]]["quotes"] = r["n"]
    ordered = sorted(info.values(), key=lambda s: (s["last_date"] is None, _neg(s["last_date"]), s["id"]))
    out = ordered[offset : offset + limit]
    for s in out:
        s["outlets"] = sorted(s["outlets"])
    return out


def _neg(date: str | None) -> tuple[int, ...]:
    """A sort key putting later ISO dates first."""
    return tuple(-ord(c) for c in (date or ""))


def count_stories(db: Database) -> int:
    return db.one("SELECT count(*) AS n FROM stories")["n"]


def _quote_in_context(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quotation's record (as `export` writes it) followed by the other columns its query
    selected (its id, person, story, outlet...), in the order selected."""
    rec = loads(row["record"])
    rec.update((k, v) for k, v in row.items() if k != "record")
    return rec


def _quotes_of(db: Database, article_ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for aid in article_ids:
        for q in db.query("SELECT id, person, record FROM quotes WHERE article = ?", (aid,)):
            out.append(_quote_in_context(q))
    return sorted(out, key=lambda r: (r["doc"], r["start"], r["end"], r["kind"]))


def get_story(db: Database, story_id: str) -> dict[str, Any] | None:
    """One story: its articles (by date, then doc), quotations (with `id` and cross-story `person`),
    alignments, claims, and, once folded, its people, coverage, brief and timeline. None if unknown."""
    s = db.one("SELECT id, title, dirty, fold FROM stories WHERE id = ?", (story_id,))
    if s is None:
        return None
    rows = db.query(
        "SELECT id, doc, story, outlet, title, date, author, url, copy_of FROM articles WHERE story = ?",
        (story_id,),
    )
    doc_of = {r["id"]: r["doc"] for r in rows}
    articles = sorted((_article_meta(r, doc_of) for r in rows), key=lambda a: (a["date"] or "9999", a["doc"]))
    quotes = _quotes_of(db, [a["id"] for a in articles])
    per_article = Counter(q["doc"] for q in quotes)
    for a in articles:
        a["quotes"] = per_article.get(a["doc"], 0)
    alignments = [
        loads(r["record"])
        for r in sorted(
            db.query("SELECT seq, record FROM alignments WHERE story = ?", (story_id,)),
            key=lambda r: r["seq"],
        )
    ]
    claims = [
        loads(r["record"])
        for r in sorted(
            db.query("SELECT id, record FROM claims WHERE story = ?", (story_id,)), key=lambda r: r["id"]
        )
    ]
    fold = loads(s["fold"]) or {}
    people = fold.get("people")
    if people is None:  # not folded yet: the speakers of its articles, by stored person
        people = _speakers_of(db, quotes)
    else:  # the fold's story-wide people; the store links named ones to its people (see write_fold)
        for p in people:
            p.setdefault("person", person_id(p["name"]) if is_named(p.get("name")) else None)
    return {
        "id": s["id"],
        "title": s["title"],
        "folded": not s["dirty"],
        "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
        "articles": articles,
        "quotes": quotes,
        "alignments": alignments,
        "claims": claims,
        "people": people,
        "coverage": fold.get("coverage") or {},
        "brief": fold.get("brief") or [],
        "timeline": fold.get("timeline") or [],
        "copies": fold.get("copies") or {},
    }


def _speakers_of(db: Database, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        if q["speaker"]:
            by[q["speaker"]].append(q)
    return [
        {"name": name, "person": qs[0]["person"], "quotes": len(qs)}
        for name, qs in sorted(by.items(), key=lambda x: (-len(x[1]), x[0]))
    ]


def get_article(db: Database, article: str) -> dict[str, Any] | None:
    """One article by id (or by doc): its metadata, text, analysed body and quotations."""
    row = db.one("SELECT * FROM articles WHERE id = ?", (article,)) or db.one(
        "SELECT * FROM articles WHERE doc = ?", (article,)
    )
    if row is None:
        return None
    out = _article_meta(row)
    if row["copy_of"]:
        copy = db.one("SELECT doc FROM articles WHERE id = ?", (row["copy_of"],))
        out["copy_of"] = copy["doc"] if copy else None
    out.update(
        text=row["text"],
        body=[row["body_start"], row["body_end"]],
        residue=loads(row["residue"]),
        quotes=_quotes_of(db, [row["id"]]),
    )
    return out


def _person_quotes(db: Database, person: str) -> list[dict[str, Any]]:
    rows = db.query(
        "SELECT q.id AS id, q.record AS record, a.id AS article, a.story AS story, s.title AS story_title, "
        "a.outlet AS outlet, a.title AS article_title, a.date AS date, a.url AS url "
        "FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN stories s ON s.id = a.story "
        "WHERE q.person = ?",
        (person,),
    )
    out = [_quote_in_context(r) for r in rows]
    return sorted(out, key=lambda q: (q["date"] or "9999", q["doc"], q["start"], q["end"], q["kind"]))


def get_person(db: Database, person: str) -> dict[str, Any] | None:
    """A person across the store: every statement attributed to them, with its story and the outlet that
    carried it, and the names they go by. None if unknown."""
    p = db.one("SELECT id, name FROM people WHERE id = ?", (person,))
    if p is None:
        return None
    quotes = _person_quotes(db, person)
    names = Counter(q["speaker"] for q in quotes if q["speaker"])
    stories: dict[str, dict[str, Any]] = {}
    for q in quotes:
        if q["story"]:
            s = stories.setdefault(
                q["story"], {"id": q["story"], "title": q["story_title"], "quotes": 0, "outlets": set()}
            )
            s["quotes"] += 1
            if q["outlet"]:
                s["outlets"].add(q["outlet"])
    for s in stories.values():
        s["outlets"] = sorted(s["outlets"])
    return {
        "id": p["id"],
        "name": p["name"],
        "aliases": sorted(n for n in names if n != p["name"]),
        "outlets": sorted({q["outlet"] for q in quotes if q["outlet"]}),
        "stories": sorted(stories.values(), key=lambda s: s["id"]),
        "quotes": quotes,
    }


def list_people(db: Database, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """People with at least one statement, most quoted first: id, name, and counts of quotations,
    stories and outlets."""
    rows = db.query(
        "SELECT q.person AS person, a.story AS story, a.outlet AS outlet FROM quotes q "
        "JOIN articles a ON a.id = q.article WHERE q.person IS NOT NULL"
    )
    agg: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = agg.setdefault(r["person"], {"quotes": 0, "stories": set(), "outlets": set()})
        p["quotes"] += 1
        if r["story"]:
            p["stories"].add(r["story"])
        if r["outlet"]:
            p["outlets"].add(r["outlet"])
    names = {r["id"]: r["name"] for r in db.query("SELECT id, name FROM people")}
    out = [
        {
            "id": pid,
            "name": names.get(pid, pid),
            "quotes": p["quotes"],
            "stories": len(p["stories"]),
            "outlets": len(p["outlets"]),
        }
        for pid, p in agg.items()
    ]
    out.sort(key=lambda p: (-p["quotes"], p["name"].casefold(), p["id"]))
    return out[offset : offset + limit]


def _snippet(text: str, words: list[str]) -> str:
    """About SNIPPET characters of `text` around the first query word found in it."""
    lower = text.lower()
    hits = [i for i in (lower.find(w.lower()) for w in words) if i >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - SNIPPET // 3)
    end = min(len(text), start + SNIPPET)
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


def search(db: Database, query: str, *, limit: int = 20) -> dict[str, Any]:
    """Quotations (by text and speaker) and articles (by title and text) holding every word of `query`,
    best matches first. Words are matched whole and case-insensitively; punctuation is ignored, so any
    user input is a safe query."""
    words = _WORD.findall(query)[:16]
    if not words:
        return {"query": query, "quotes": [], "articles": []}
    if db.dialect == "postgresql":
        q_rows = db.query(
            "SELECT q.id AS id FROM quotes q, plainto_tsquery('simple', ?) tq WHERE q.search @@ tq "
            "ORDER BY ts_rank(q.search, tq) DESC, q.id LIMIT ?",
            (" ".join(words), limit),
        )
        a_rows = db.query(
            "SELECT a.id AS id FROM articles a, plainto_tsquery('simple', ?) tq WHERE a.search @@ tq "
            "ORDER BY ts_rank(a.search, tq) DESC, a.id LIMIT ?",
            (" ".join(words), limit),
        )
    else:
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        q_rows = db.query(
            "SELECT quote AS id FROM quotes_fts WHERE quotes_fts MATCH ? "
            "ORDER BY bm25(quotes_fts), quote LIMIT ?",
            (match, limit),
        )
        a_rows = db.query(
            "SELECT article AS id FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY bm25(articles_fts), article LIMIT ?",
            (match, limit),
        )
    quotes = []
    for r in q_rows:
        row = db.one(
            "SELECT q.id AS id, q.person AS person, q.record AS record, a.story AS story, "
            "a.outlet AS outlet, a.title AS article_title, a.date AS date FROM quotes q "
            "JOIN articles a ON a.id = q.article WHERE q.id = ?",
            (r["id"],),
        )
        if row:
            quotes.append(_quote_in_context(row))
    articles = []
    for r in a_rows:
        row = db.one("SELECT * FROM articles WHERE id = ?", (r["id"],))
        if row:
            meta = _article_meta(row)
            meta["snippet"] = _snippet(row["text"], words)
            articles.append(meta)
    return {"query": query, "quotes": quotes, "articles": articles}
