"""Reading the store: the stories, one story whole, a person across stories, an article, and search.

Plain functions over a `Database`, returning JSON-ready dicts (records as `export` writes them), so a web
page and its `.json` twin show the same data. Lists are sorted in Python, never by database collation,
so SQLite and PostgreSQL answer alike.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from newsfold.models import (
    Alignment,
    BriefSentence,
    Claim,
    ClaimMention,
    DiffOp,
    Ref,
    Story,
    TimelineEntry,
)
from newsfold.store.codec import article_from_row, is_named, loads, person_id, quote_from_record
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


STORY_SORTS = ("newest", "oldest", "outlets", "quotes", "title")


def _stories(
    db: Database,
    *,
    outlet: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str = "newest",
) -> list[dict[str, Any]]:
    """Every story that passes the filters, in `sort` order (see `list_stories`)."""
    if sort not in STORY_SORTS:
        raise ValueError(f"sort must be one of {', '.join(STORY_SORTS)}")
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
    keep = set(info)
    if outlet is not None:
        name = outlet_name(db, outlet)
        keep &= {sid for sid, s in info.items() if name is not None and name in s["outlets"]}
    if person is not None:
        keep &= {
            r["story"]
            for r in db.query(
                "SELECT DISTINCT a.story AS story FROM quotes q JOIN articles a ON a.id = q.article "
                "WHERE q.person = ?",
                (person,),
            )
        }
    if since or until:  # a story is in the range when one of its articles is dated within it
        dated: set[str] = set()
        for a in arts:
            d = (a["date"] or "")[:10]
            if d and (not since or d >= since) and (not until or d[: len(until)] <= until):
                dated.add(a["story"])
        keep &= dated
    chosen = [info[sid] for sid in keep]
    for s in chosen:
        s["outlets"] = sorted(s["outlets"])
    by_date = lambda s: (s["last_date"] is None, _neg(s["last_date"]), s["id"])  # noqa: E731
    keys = {
        "newest": by_date,
        "oldest": lambda s: (s["first_date"] is None, s["first_date"] or "", s["id"]),
        "outlets": lambda s: (-len(s["outlets"]), *by_date(s)),
        "quotes": lambda s: (-s["quotes"], *by_date(s)),
        "title": lambda s: ((s["title"] or "").casefold(), s["id"]),
    }
    return sorted(chosen, key=keys[sort])


def list_stories(db: Database, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    """Stories, newest first (by their latest article's date; undated last), each with its title, outlets,
    first and last dates, and counts of articles, quotations, alignments and claims.

    Filters: `outlet` (an outlet id, see `outlet_id`), `person` (a person id), `since` / `until` (ISO
    dates, inclusive: a story with an article dated within); `sort`: one of STORY_SORTS."""
    return _stories(db, **filters)[offset : offset + limit]


def _neg(date: str | None) -> tuple[int, ...]:
    """A sort key putting later ISO dates first."""
    return tuple(-ord(c) for c in (date or ""))


def story_heading(db: Database, story_id: str) -> dict[str, Any] | None:
    """A story's id and title; None if unknown."""
    row = db.one("SELECT id, title FROM stories WHERE id = ?", (story_id,))
    return {"id": row["id"], "title": row["title"]} if row else None


def count_stories(db: Database, **filters: Any) -> int:
    """How many stories pass the filters of `list_stories` (all of them without filters)."""
    if any(v is not None for k, v in filters.items() if k != "sort"):
        return len(_stories(db, **filters))
    return db.one("SELECT count(*) AS n FROM stories")["n"]


def quote_anchor(start: int, end: int, kind: str) -> str:
    """The id of a quotation's place in its article's page: unique within the article, like its store id."""
    return f"q-{start}-{end}-{kind}"


def _quote_in_context(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quotation's record (as `export` writes it) followed by the other columns its query
    selected (its id, person, story, outlet...), in the order selected, then the id of its `article` and
    its `anchor` there."""
    rec = loads(row["record"])
    rec.update((k, v) for k, v in row.items() if k != "record")
    rec.setdefault("article", str(row["id"]).split(":", 1)[0])  # a quotation's id starts with its article's
    rec["anchor"] = quote_anchor(rec["start"], rec["end"], rec["kind"])
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
        "kind": _kinds(db, p["id"]).get(p["id"], "unknown"),
        "aliases": sorted(n for n in names if n != p["name"]),
        "outlets": sorted({q["outlet"] for q in quotes if q["outlet"]}),
        "stories": sorted(stories.values(), key=lambda s: s["id"]),
        "quotes": quotes,
    }


PEOPLE_SORTS = ("quotes", "outlets", "name")
PEOPLE_KINDS = ("people", "organisations")
_KIND_OF = {"person": "people", "org": "organisations", "group": "organisations"}


def _kinds(db: Database, person: str | None = None) -> dict[str, str]:
    """Each person's kind (or only `person`'s) as their speakers' rows say most often: "person", "org",
    "group", "unknown"."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    where, args = ("person = ?", (person,)) if person else ("person IS NOT NULL", ())
    for r in db.query(
        f"SELECT person, kind, count(*) AS n FROM speakers WHERE {where} GROUP BY person, kind", args
    ):
        votes[r["person"]][r["kind"]] += r["n"]
    return {p: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for p, c in votes.items()}


def _people(db: Database, *, sort: str = "quotes", kind: str | None = None) -> list[dict[str, Any]]:
    if sort not in PEOPLE_SORTS:
        raise ValueError(f"sort must be one of {', '.join(PEOPLE_SORTS)}")
    if kind is not None and kind not in PEOPLE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(PEOPLE_KINDS)}")
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
    kinds = _kinds(db)
    out = [
        {
            "id": pid,
            "name": names.get(pid, pid),
            "kind": kinds.get(pid, "unknown"),
            "quotes": p["quotes"],
            "stories": len(p["stories"]),
            "outlets": len(p["outlets"]),
        }
        for pid, p in agg.items()
        if kind is None or _KIND_OF.get(kinds.get(pid, "unknown")) == kind
    ]
    by_name = lambda p: (p["name"].casefold(), p["id"])  # noqa: E731
    keys = {
        "quotes": lambda p: (-p["quotes"], *by_name(p)),
        "outlets": lambda p: (-p["outlets"], -p["quotes"], *by_name(p)),
        "name": by_name,
    }
    return sorted(out, key=keys[sort])


def list_people(
    db: Database, *, limit: int = 100, offset: int = 0, sort: str = "quotes", kind: str | None = None
) -> list[dict[str, Any]]:
    """People with at least one statement, most quoted first (or `sort` "outlets": carried by most
    outlets; "name"): id, name, kind, and counts of quotations, stories and outlets. `kind` keeps only
    "people" or only "organisations" (organisations and groups), by how their mentions were resolved."""
    return _people(db, sort=sort, kind=kind)[offset : offset + limit]


def count_people(db: Database, *, kind: str | None = None) -> int:
    """How many people `list_people` lists with this `kind` filter."""
    return len(_people(db, kind=kind))


# --- outlets ------------------------------------------------------------------------------------------


def outlet_id(name: str) -> str:
    """An outlet's id in addresses: its name as a readable slug, then a short hash of the name, so two
    names with the same slug ("Fox News", "fox-news") stay two outlets."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:48].strip("-")
    digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=3).hexdigest()
    return f"{slug}-{digest}" if slug else f"o-{digest}"


def _outlet_names(db: Database) -> dict[str, str]:
    return {
        outlet_id(r["outlet"]): r["outlet"]
        for r in db.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")
    }


def outlet_names(db: Database) -> list[str]:
    """Every outlet's name, sorted as pages list them (case-insensitively)."""
    return sorted(_outlet_names(db).values(), key=lambda n: (n.casefold(), n))


def outlet_name(db: Database, oid: str) -> str | None:
    """The outlet an id names; None if no article comes from it."""
    return _outlet_names(db).get(oid)


def list_outlets(db: Database) -> list[dict[str, Any]]:
    """Every outlet, by name: id, name, counts of articles, stories and quotations, first and last dates."""
    info: dict[str, dict[str, Any]] = {}
    for a in db.query("SELECT outlet, story, date FROM articles WHERE outlet IS NOT NULL"):
        o = info.setdefault(
            a["outlet"],
            {
                "id": outlet_id(a["outlet"]),
                "name": a["outlet"],
                "articles": 0,
                "stories": set(),
                "quotes": 0,
                "first_date": None,
                "last_date": None,
            },
        )
        o["articles"] += 1
        if a["story"]:
            o["stories"].add(a["story"])
        if a["date"]:
            d = a["date"][:10]
            o["first_date"] = min(o["first_date"] or d, d)
            o["last_date"] = max(o["last_date"] or d, d)
    for r in db.query(
        "SELECT a.outlet AS outlet, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article "
        "WHERE a.outlet IS NOT NULL GROUP BY a.outlet"
    ):
        info[r["outlet"]]["quotes"] = r["n"]
    out = sorted(info.values(), key=lambda o: (o["name"].casefold(), o["name"]))
    for o in out:
        o["stories"] = len(o["stories"])
    return out


def get_outlet(db: Database, oid: str) -> dict[str, Any] | None:
    """One outlet: its name and its articles story by story (stories newest first, articles by date).
    None if no article comes from it."""
    name = outlet_name(db, oid)
    if name is None:
        return None
    rows = db.query(
        "SELECT id, doc, story, outlet, title, date, author, url, copy_of FROM articles WHERE outlet = ?",
        (name,),
    )
    counts = Counter(
        r["article"]
        for r in db.query(
            "SELECT q.article AS article FROM quotes q JOIN articles a ON a.id = q.article "
            "WHERE a.outlet = ?",
            (name,),
        )
    )
    titles = {r["id"]: r["title"] for r in db.query("SELECT id, title FROM stories")}
    stories: dict[str, dict[str, Any]] = {}
    waiting = []
    for r in rows:
        meta = _article_meta(r)
        meta["quotes"] = counts.get(r["id"], 0)
        if r["story"] is None:
            waiting.append(meta)
            continue
        s = stories.setdefault(
            r["story"], {"id": r["story"], "title": titles.get(r["story"]), "articles": []}
        )
        s["articles"].append(meta)
    for s in stories.values():
        s["articles"].sort(key=lambda a: (a["date"] or "9999", a["doc"]))
        s["last_date"] = max((a["date"][:10] for a in s["articles"] if a["date"]), default=None)
    ordered = sorted(stories.values(), key=lambda s: (s["last_date"] is None, _neg(s["last_date"]), s["id"]))
    return {
        "id": oid,
        "name": name,
        "articles": len(rows),
        "quotes": sum(counts.values()),
        "stories": ordered,
        "unclustered": sorted(waiting, key=lambda a: (a["date"] or "9999", a["doc"])),
    }


# --- a story as the model the report renders -----------------------------------------------------------


def _ref(d: dict[str, Any]) -> Ref:
    return Ref(d["doc"], int(d["start"]), int(d["end"]), d.get("outlet"))


def _version(dirty: Any, articles: int, fold: str | None) -> str:
    digest = hashlib.blake2b((fold or "").encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{int(bool(dirty))}:{articles}:{digest}"


def story_version(db: Database, story_id: str) -> str | None:
    """A token that changes whenever what `story_model` returns for the story changes: an article joins
    it (its count), or it is folded again (its fold, which holds its people, coverage and brief). None if
    unknown. A page may keep a story's views while the token holds."""
    s = db.one("SELECT dirty, fold FROM stories WHERE id = ?", (story_id,))
    if s is None:
        return None
    n = db.one("SELECT count(*) AS n FROM articles WHERE story = ?", (story_id,))["n"]
    return _version(s["dirty"], n, s["fold"])


def story_model(db: Database, story_id: str) -> tuple[Story, dict[str, str], str] | None:
    """A stored story as the `Story` its fold made (articles with their text, quotations, alignments,
    claims, people, coverage, brief, timeline), for the report's views; its article ids by doc; and its
    `story_version`, read in the same snapshot. None if unknown."""
    s = db.one("SELECT id, title, dirty, fold FROM stories WHERE id = ?", (story_id,))
    if s is None:
        return None
    rows = db.query("SELECT * FROM articles WHERE story = ?", (story_id,))
    rows.sort(key=lambda r: (r["date"] or "9999", r["doc"]))
    ids_by_doc = {r["doc"]: r["id"] for r in rows}
    articles = [article_from_row(r) for r in rows]
    quotes = [
        quote_from_record(loads(q["record"]))
        for r in rows
        for q in db.query(
            "SELECT record FROM quotes WHERE article = ? ORDER BY pos_start, pos_end, kind", (r["id"],)
        )
    ]
    alignments = []
    for r in sorted(
        db.query("SELECT seq, record FROM alignments WHERE story = ?", (story_id,)), key=lambda r: r["seq"]
    ):
        rec = loads(r["record"])
        alignments.append(
            Alignment(
                _ref(rec["a"]),
                _ref(rec["b"]),
                rec["relation"],
                [DiffOp(d["op"], d.get("a", ""), d.get("b", "")) for d in rec.get("diff") or []],
                rec.get("speaker"),
                float(rec.get("score", 1.0)),
                story_id,
            )
        )
    claims = []
    for r in sorted(
        db.query("SELECT id, record FROM claims WHERE story = ?", (story_id,)), key=lambda r: r["id"]
    ):
        rec = loads(r["record"])
        mentions = [
            ClaimMention(
                m["doc"],
                m["start"],
                m["end"],
                m["text"],
                m.get("kind", "event"),
                m.get("outlet"),
                m.get("values") or {},
            )
            for m in rec.get("mentions") or []
        ]
        claims.append(
            Claim(rec["id"], rec["status"], rec["text"], rec["kind"], mentions, rec.get("conflict"), story_id)
        )
    fold = loads(s["fold"]) or {}
    people = []
    for p in fold.get("people") or []:
        p = dict(p)
        p["quotes"] = [_ref(r) for r in p.get("quotes") or []]
        people.append(p)
    story = Story(
        id=s["id"],
        articles=articles,
        quotes=quotes,
        alignments=alignments,
        claims=claims,
        people=people,
        coverage=fold.get("coverage") or {},
        brief=[
            BriefSentence(
                b["text"],
                b.get("outlets") or [],
                [_ref(r) for r in b.get("refs") or []],
                b.get("status", "single-source"),
            )
            for b in fold.get("brief") or []
        ],
        timeline=[
            TimelineEntry(
                t["date"], t["text"], t.get("outlets") or [], [_ref(r) for r in t.get("refs") or []]
            )
            for t in fold.get("timeline") or []
        ],
        title=s["title"],
        copies=fold.get("copies") or {},
    )
    return story, ids_by_doc, _version(s["dirty"], len(rows), s["fold"])


def _snippet(text: str, words: list[str]) -> str:
    """About SNIPPET characters of `text` around the first query word found in it."""
    lower = text.lower()
    hits = [i for i in (lower.find(w.lower()) for w in words) if i >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - SNIPPET // 3)
    end = min(len(text), start + SNIPPET)
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


def search(
    db: Database, query: str, *, limit: int = 20, story: str | None = None, outlet: str | None = None
) -> dict[str, Any]:
    """Quotations (by text and speaker) and articles (by title and text) holding every word of `query`,
    best matches first; only those of one `story` or one `outlet` (an outlet id) when given. Words are
    matched whole and case-insensitively; punctuation is ignored, so any user input is a safe query."""
    words = _WORD.findall(query)[:16]
    empty = {"query": query, "story": story, "outlet": outlet, "quotes": [], "articles": []}
    name = outlet_name(db, outlet) if outlet is not None else None
    if not words or (outlet is not None and name is None):
        return empty
    scope, args = "", []
    if story is not None:
        scope += " AND a.story = ?"
        args.append(story)
    if name is not None:
        scope += " AND a.outlet = ?"
        args.append(name)
    if db.dialect == "postgresql":
        q_rows = db.query(
            "SELECT q.id AS id FROM quotes q JOIN articles a ON a.id = q.article, "
            "plainto_tsquery('simple', ?) tq "
            f"WHERE q.search @@ tq{scope} ORDER BY ts_rank(q.search, tq) DESC, q.id LIMIT ?",
            (" ".join(words), *args, limit),
        )
        a_rows = db.query(
            "SELECT a.id AS id FROM articles a, plainto_tsquery('simple', ?) tq "
            f"WHERE a.search @@ tq{scope} ORDER BY ts_rank(a.search, tq) DESC, a.id LIMIT ?",
            (" ".join(words), *args, limit),
        )
    else:
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        q_rows = db.query(
            "SELECT f.quote AS id FROM quotes_fts f JOIN quotes q ON q.id = f.quote "
            "JOIN articles a ON a.id = q.article "
            f"WHERE quotes_fts MATCH ?{scope} ORDER BY bm25(quotes_fts), f.quote LIMIT ?",
            (match, *args, limit),
        )
        a_rows = db.query(
            "SELECT f.article AS id FROM articles_fts f JOIN articles a ON a.id = f.article "
            f"WHERE articles_fts MATCH ?{scope} ORDER BY bm25(articles_fts), f.article LIMIT ?",
            (match, *args, limit),
        )
    quotes = []
    for r in q_rows:
        row = db.one(
            "SELECT q.id AS id, q.person AS person, q.record AS record, a.id AS article, a.story AS story, "
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
    return {**empty, "quotes": quotes, "articles": articles}
