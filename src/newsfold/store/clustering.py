"""Incremental story clustering: new articles join the stories already stored, or start new ones.

`align.stories.cluster_articles` clusters a whole corpus at once. A store grows run after run, so each
run clusters only a *pool*: the articles waiting for a story, the stored articles that may share a story
with them, all the members of those stories, and a fixed background sample of the store (so that word
weights, which depend on how common a word is, are not learnt from one topic alone). Then:

* a pool cluster holding new articles and stored ones joins the stored story most of its stored members
  belong to (ties: the smaller story id); stored articles never move, so stories never split or merge
  and their ids stay valid for links;
* a pool cluster of new articles only becomes a new story, its id a hash of its founding articles' ids.

Stored articles are found by two lookups kept per article (`article_terms`, `article_bands`): its most
frequent names and content words, and the LSH band keys of a MinHash of its 5-word shingles (copies).

Into an empty store the pool is exactly the new articles, so a first run clusters them as
`cluster_articles` does. A run that was killed and is run again clusters the same pool as an unbroken run
(articles wait, unclustered, until every input of the run is stored), so both end in the same stories.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsfold.align.minhash import MinHasher, WordHasher, shingle_hashes
from newsfold.align.stories import STOP_WORDS, cluster_articles, story_id
from newsfold.models import Article
from newsfold.store.codec import article_from_row
from newsfold.store.db import Database

NAME_TERMS = 12  # most frequent names kept per article for lookup
WORD_TERMS = 12  # most frequent content words kept per article for lookup
MAX_TERM_DF = 1000  # a term in more stored articles than this finds too much to be worth looking up
MIN_SHARED = 2  # a stored article must share this many lookup terms (or one band) to be a candidate
CANDIDATES = 30  # best candidates kept per new article
STORY_MEMBERS = 200  # members of a candidate story brought into the pool at most
BACKGROUND = 200  # stored articles sampled (by id, i.e. at random but fixed) for word weights
NUM_PERM, BANDS = 64, 16  # as in align.stories: a pair at Jaccard 0.8 shares a band with p > 0.999
SHINGLE_WORDS = 5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NAME = re.compile(r"(?<![\w'’])[^\W\d_a-z][^\W\d_]*(?:['’][^\W\d_]+)?(?:[ \t]+[^\W\d_a-z][^\W\d_]*)*")
_SENTENCE_END = frozenset(".!?\"“”'‘’:;\n")
_MINHASHER = MinHasher(NUM_PERM)


@dataclass(frozen=True)
class LookupKeys:
    """What an article is looked up by: its lookup terms and its LSH band keys."""

    terms: list[str]
    bands: list[str]


def _text(article: Article) -> str:
    start, end = article.body or (0, len(article.text))
    return ((article.title or "") + "\n\n" + article.text[start:end]).strip()


def lookup_keys(article: Article) -> LookupKeys:
    """The article's most frequent names ("n:vladimir_putin") and content words ("w:troops"), and its
    MinHash band keys."""
    text = _text(article)
    names: Counter[str] = Counter()
    for m in _NAME.finditer(text):
        j = m.start() - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        words = [w.lower() for w in m.group().split() if w.lower() not in STOP_WORDS]
        if not words or (len(words) == 1 and (j < 0 or text[j] in _SENTENCE_END)):
            continue  # a lone capitalised word opening a sentence is not evidence of a name
        names["n:" + "_".join(words)] += 1
    tokens = _WORD.findall(text.lower())
    words = Counter("w:" + t for t in tokens if len(t) > 3 and t not in STOP_WORDS)
    terms = [t for t, _ in sorted(names.items(), key=lambda x: (-x[1], x[0]))[:NAME_TERMS]]
    terms += [t for t, _ in sorted(words.items(), key=lambda x: (-x[1], x[0]))[:WORD_TERMS]]
    bands: list[str] = []
    if len(tokens) >= SHINGLE_WORDS:
        sig = _MINHASHER.signatures([shingle_hashes(WordHasher()(tokens), SHINGLE_WORDS)])[0]
        rows = NUM_PERM // BANDS
        for b in range(BANDS):
            chunk = sig[b * rows : (b + 1) * rows].tobytes()
            bands.append(f"{b}:" + hashlib.blake2b(chunk, digest_size=8).hexdigest())
    return LookupKeys(sorted(set(terms)), bands)


@dataclass
class Assignment:
    article: str
    story: str
    copy_of: str | None
    similarity: float
    new_story: bool


def _candidates(db: Database, article: str) -> set[str]:
    """Stored, clustered articles that share a band or at least MIN_SHARED lookup terms with `article`."""
    found = {
        r["article"]
        for r in db.query(
            "SELECT DISTINCT b2.article FROM article_bands b1 JOIN article_bands b2 ON b2.band = b1.band "
            "JOIN articles a ON a.id = b2.article WHERE b1.article = ? AND a.story IS NOT NULL",
            (article,),
        )
    }
    terms = [r["term"] for r in db.query("SELECT term FROM article_terms WHERE article = ?", (article,))]
    if terms:
        marks = ",".join("?" * len(terms))
        common = {
            r["term"]
            for r in db.query(
                f"SELECT term FROM article_terms WHERE term IN ({marks}) GROUP BY term HAVING count(*) > ?",
                (*terms, MAX_TERM_DF),
            )
        }
        terms = [t for t in terms if t not in common]
    if terms:
        marks = ",".join("?" * len(terms))
        rows = db.query(
            f"SELECT t.article AS article, count(*) AS n FROM article_terms t "
            f"JOIN articles a ON a.id = t.article WHERE t.term IN ({marks}) AND a.story IS NOT NULL "
            f"GROUP BY t.article HAVING count(*) >= ? ORDER BY count(*) DESC, t.article LIMIT ?",
            (*terms, MIN_SHARED, CANDIDATES),
        )
        found |= {r["article"] for r in rows}
    return found


def _load(db: Database, ids: Sequence[str]) -> dict[str, tuple[Article, str | None]]:
    out: dict[str, tuple[Article, str | None]] = {}
    for i in range(0, len(ids), 500):
        part = list(ids[i : i + 500])
        marks = ",".join("?" * len(part))
        for row in db.query(f"SELECT * FROM articles WHERE id IN ({marks})", part):
            out[row["id"]] = (article_from_row(row), row["story"])
    return out


def assign_pending(db: Database) -> list[Assignment]:
    """Cluster the articles waiting for a story (inside the caller's transaction); returns where each went.

    Does not write: the caller stores the assignments in the same transaction it read them in.
    """
    pending = [r["id"] for r in db.query("SELECT id FROM articles WHERE story IS NULL ORDER BY id")]
    if not pending:
        return []
    candidates: set[str] = set()
    for a in pending:
        candidates |= _candidates(db, a)
    stories = sorted({r["story"] for r in _rows_of(db, sorted(candidates))})
    pool_ids: set[str] = set(pending)
    for s in stories:
        pool_ids |= {
            r["id"]
            for r in db.query(
                "SELECT id FROM articles WHERE story = ? ORDER BY id LIMIT ?", (s, STORY_MEMBERS)
            )
        }
    if db.one("SELECT 1 AS x FROM articles WHERE story IS NOT NULL LIMIT 1"):
        pool_ids |= {
            r["id"]
            for r in db.query(
                "SELECT id FROM articles WHERE story IS NOT NULL ORDER BY id LIMIT ?", (BACKGROUND,)
            )
        }
    ordered = sorted(pool_ids)
    loaded = _load(db, ordered)
    # Clustering sees article ids as docs: ids are unique and stable, and name the stories it founds.
    pool = [replace(loaded[i][0], doc=i) for i in ordered]
    stored_story = {i: loaded[i][1] for i in ordered if loaded[i][1] is not None}
    result = cluster_articles(pool)

    members: dict[str, list[str]] = defaultdict(list)
    for a in result:
        members[a.story].append(a.doc)
    by_id = {a.doc: a for a in result}
    out: list[Assignment] = []
    for cluster in sorted(members.values()):
        new = [i for i in cluster if i not in stored_story]
        if not new:
            continue
        votes = Counter(stored_story[i] for i in cluster if i in stored_story)
        if votes:
            target = min(votes, key=lambda s: (-votes[s], s))
            is_new = False
        else:
            target = story_id(new)
            is_new = True
        for i in new:
            a = by_id[i]
            copy_of = a.copy_of if a.copy_of and stored_story.get(a.copy_of, target) == target else None
            out.append(Assignment(i, target, copy_of, a.similarity, is_new))
    return out


def _rows_of(db: Database, ids: Sequence[str]) -> list[dict]:
    rows: list[dict] = []
    for i in range(0, len(ids), 500):
        part = list(ids[i : i + 500])
        marks = ",".join("?" * len(part))
        rows += db.query(f"SELECT id, story FROM articles WHERE id IN ({marks})", part)
    return rows
