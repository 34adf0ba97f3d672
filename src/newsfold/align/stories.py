"""Story clustering: which articles, across outlets, report the same event.

An event is defined by what happened, who took part, where, and when. Two articles about different events of
the same kind (two celebrities entering rehab, two earthquakes on the same island) share most of their
vocabulary and differ mainly in names, numbers and dates, so each article is described by four TF-IDF blocks:

* ``words``: content words (lowercased, stop words removed): what happened;
* ``names``: capitalised name sequences found with a regular expression, as whole names ("vincent_jackson")
  and, for multi-word names, their parts ("jackson"): who and where;
* ``numbers``: figures in the text ("5.6", "160", "78"): magnitudes, tolls, sums;
* ``time``: years, month and weekday names: when.

The similarity of two articles is the weighted mean of the block cosines over the blocks in which *both*
articles have features: an article that mentions no number is not evidence against a story, only absent
evidence. Articles are then joined by average-linkage agglomerative clustering over a sparse candidate graph
(missing edges count as similarity 0), stopped at ``threshold``. Articles with known dates are never joined
into a story spanning more than ``window_days``.

Scaling: no step looks at all pairs. Candidate pairs come from a sparse product of a pruned copy of the
TF-IDF matrix (each article's highest-weighted features that are not too common), keeping each article's
nearest neighbours, plus MinHash/LSH pairs; exact similarities are computed for those pairs only. Near-
duplicates and syndicated copies are found with MinHash of 5-word shingles and marked with ``copy_of``.
Memory: a corpus larger than ``SEGMENT`` articles is clustered in date order, a segment at a time; since a
dated story spans at most ``window_days``, only the stories that a later article could still join are
carried into the next segment (``stream_stories``), and memory is bounded by the segment, not the corpus.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from typing import TypeVar

import numpy as np
import scipy.sparse as sp

from newsfold.align.minhash import MinHasher, WordHasher, estimated_jaccard, lsh_pairs, shingle_hashes
from newsfold.models import Article

# --- The one setting -------------------------------------------------------------------------------------
# Chosen with bench/bench_stories.py on newswcl50 and ECB+ together (one setting for both, never per corpus).
# Round weights: names count as much as content words (ECB+ separates same-type events by who and where),
# numbers and dates half as much. B-cubed F1 (newswcl50, ECB+) by threshold with these weights:
# 0.24 (0.947, 0.945), 0.26 (0.947, 0.937), 0.28 (1.000, 0.926), 0.30 (0.984, 0.920), 0.32 (0.984, 0.902);
# the TF-IDF + average-linkage baseline scores (0.967, 0.869) at its best distance 0.8. 0.28 is the only
# point meeting both targets (0.99, 0.92); neighbouring points trade a newswcl50 split for ECB+ merges.
BLOCK_WEIGHTS: dict[str, float] = {"words": 1.0, "names": 1.0, "numbers": 0.5, "time": 0.5}
DEFAULT_THRESHOLD = 0.28
DEFAULT_WINDOW_DAYS = 7
COPY_JACCARD = 0.8  # estimated shingle Jaccard at or above which an article is a copy of another
SHINGLE_WORDS = 5
MIN_DF = 2

# Candidate generation (scaling knobs; they change which pairs are scored, not how they are scored).
NEIGHBOURS = 50  # nearest candidates kept per article
BLOCK_TERMS = 40  # highest-weighted features per article used for blocking
BLOCK_MAX_DF = 1000  # features in more articles than this are too common to block on
NUM_PERM, LSH_BANDS = 64, 16  # 16 bands of 4 rows: a pair at Jaccard 0.8 is found with p > 0.999
# Articles clustered at once. Above this, articles are clustered in date order a segment at a time and the
# stories still open at a cut are clustered again with the next segment (see `stream_stories`), so memory
# stays bounded by the segment, not the corpus (bench/bench_scale.py).
SEGMENT = 20_000

STOP_WORDS = frozenset(
    """a about above after again against all almost also although always am among an and another any are
    around as at be became because become been before being below between both but by can cannot could did
    do does doing done down during each either else even ever every few for from further had has have having
    he her here hers herself him himself his how however i if in into is it its itself just least less
    like many may me might more most much must my myself neither no nor not now of off often on once one only
    or other others our ours ourselves out over own per perhaps quite rather said same say says she should
    since so some still such than that the their theirs them themselves then there therefore these they
    this those though through thus to too under until up upon us very via was we were what whatever when
    where whether which while who whom whose why will with within without would yet you your yours yourself
    yourselves mr mrs ms dr st""".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Lowercase words that may sit inside a name ("Bank of America", "Ludwig van Beethoven").
_NAME_JOINERS = frozenset("of de van von der den bin al la le du da del di y".split())
_SENTENCE_END = frozenset(".!?\"“”'‘’:;\n")
_DATE_WORDS = MONTHS | WEEKDAYS


@dataclass(frozen=True)
class StoryAssignment:
    """Where one article landed: its story, whether it copies an earlier article of that story, and how
    similar it is to the rest of the story (mean similarity to the other members; 1.0 alone)."""

    doc: str
    story: str
    copy_of: str | None = None
    similarity: float = 1.0


_UPPER = "".join(ch for ch in map(chr, range(0x530)) if ch.isupper())
_CAP_WORD = rf"[{_UPPER}][^\W_]*(?:['’][^\W\d_]+)*"
# A run of capitalised words on one line, optionally joined by a lowercase name particle.
_NAME_RUN = re.compile(
    rf"(?<![\w'’]){_CAP_WORD}(?:[ \t]+(?:(?:{'|'.join(sorted(_NAME_JOINERS))})[ \t]+)?{_CAP_WORD})*"
)


class _Blocks:
    """Sparse term-count rows for one feature block, built one document at a time."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.indptr = [0]
        self.indices: list[int] = []
        self.counts: list[int] = []

    def add(self, counts: Counter[str] | dict[str, int]) -> None:
        vocab = self.vocab
        for term in counts:
            if term not in vocab:
                vocab[term] = len(vocab)
        # map() over the dict's own methods keeps the per-term work in C
        self.indices.extend(map(vocab.__getitem__, counts))
        self.counts.extend(counts.values())
        self.indptr.append(len(self.indices))

    def tfidf(self) -> tuple[sp.csr_matrix, np.ndarray]:
        """Sublinear tf, smoothed idf, l2-normalised rows; and each column's document frequency.

        Terms found in a single article (MIN_DF) get weight 0: they cannot link it to any other article and
        would only lengthen its vector, making long articles with idiosyncratic wording look unlike their
        own story (evaluation: the commentary pieces of newswcl50).
        """
        n = len(self.indptr) - 1
        indices = np.asarray(self.indices, dtype=np.int32)
        data = 1.0 + np.log(np.asarray(self.counts, dtype=np.float32))
        df = np.bincount(indices, minlength=len(self.vocab))
        idf = (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)
        idf[df < MIN_DF] = 0.0
        data *= idf[indices]
        indptr = np.asarray(self.indptr, dtype=np.int64)
        x = sp.csr_matrix((data, indices, indptr), shape=(n, len(self.vocab)))
        x.eliminate_zeros()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        x = sp.csr_matrix(sp.diags((1.0 / norms).astype(np.float32)) @ x, dtype=np.float32)
        return x, df


def analysed_text(article: Article) -> str:
    """The article's analysed body, headed by its title when the body does not already start with it: what
    clustering reads, so an Article with this as its whole text and no title clusters as the original."""
    start, end = article.body or (0, len(article.text))
    body = article.text[start:end]
    title = (article.title or "").strip()
    if title and not body.lstrip().startswith(title):
        return title + "\n\n" + body
    return body


def _case_counts(texts: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word is written capitalised and in lower case across the corpus."""
    raw: Counter[str] = Counter()
    for t in texts:
        raw.update(_TOKEN.findall(t))
    capitalised: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    for w, c in raw.items():
        if w[0].isupper():
            capitalised[w.lower()] += c
        elif w[0].isalpha():
            lowercase[w] += c
    return capitalised, lowercase


def _names(text: str, lowerish: Callable[[str], bool]) -> list[str]:
    """Capitalised name runs of `text`: each whole name, and the parts of multi-word names."""
    out: list[str] = []
    for m in _NAME_RUN.finditer(text):
        j = m.start() - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        initial = j < 0 or text[j] in _SENTENCE_END
        words = [w.lower().removesuffix("'s").removesuffix("’s") for w in m.group().split()]
        # Drop edge words that are not names: stop words, dates, and a sentence-initial capitalised word
        # that this corpus mostly writes in lower case ("Yesterday Obama said").
        k = 0
        while k < len(words) and (words[k] in STOP_WORDS or words[k] in _DATE_WORDS
                                  or (k == 0 and initial and lowerish(words[k]))):
            k += 1
        words = words[k:]
        while words and (words[-1] in STOP_WORDS or words[-1] in _NAME_JOINERS or words[-1] in _DATE_WORDS):
            words.pop()
        if not words:
            continue
        if len(words) == 1:
            if not lowerish(words[0]):
                out.append(words[0])
        else:
            out.append("_".join(words))
            out.extend(w for w in words if w not in _NAME_JOINERS and w not in STOP_WORDS)
    return out


def _category(token: str) -> tuple[str, str] | None:
    """Which block a lowercased token feeds, and its feature there (None: a stop word)."""
    if token[0].isdigit():
        v = token.replace(",", "")
        return ("time", v) if _YEAR.fullmatch(v) else ("numbers", v)
    if token in STOP_WORDS or len(token) < 2:  # before dates: lowercased, "may" is the verb more often
        return None
    if token in _DATE_WORDS:
        return ("time", token[:3])
    return ("words", token)


def _featurise(texts: Sequence[str]) -> tuple[dict[str, _Blocks], np.ndarray]:
    """TF counts per block and MinHash signatures, one pass over the texts after a case-counting pass."""
    capitalised, lowercase = _case_counts(texts)

    def lowerish(w: str) -> bool:
        return lowercase[w] >= capitalised[w]

    blocks = {k: _Blocks() for k in BLOCK_WEIGHTS}
    categories: dict[str, tuple[str, str] | None] = {}
    hasher = WordHasher()
    minhasher = MinHasher(NUM_PERM)
    signatures = []
    pending: list[np.ndarray] = []
    for t in texts:
        tokens = _TOKEN.findall(t.lower())
        per: dict[str, dict[str, int]] = {"words": {}, "numbers": {}, "time": {}}
        for tok, c in Counter(tokens).items():
            cat = categories.get(tok, False)
            if cat is False:
                cat = categories[tok] = _category(tok)
            if cat is not None:
                d = per[cat[0]]
                d[cat[1]] = d.get(cat[1], 0) + c
        for k, d in per.items():
            blocks[k].add(d)
        blocks["names"].add(Counter(_names(t, lowerish)))
        pending.append(shingle_hashes(hasher(tokens), SHINGLE_WORDS) if len(tokens) >= SHINGLE_WORDS
                       else np.zeros(0, dtype=np.uint64))
        if len(pending) >= 2000:
            signatures.append(minhasher.signatures(pending))
            pending = []
    if pending:
        signatures.append(minhasher.signatures(pending))
    return blocks, np.concatenate(signatures)


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return _date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _candidate_pairs(blocks: list[sp.csr_matrix], dfs: list[np.ndarray], weights: list[float]) -> np.ndarray:
    """Pairs (i < j) worth scoring: each article's NEIGHBOURS best matches on its pruned TF-IDF vector."""
    n = blocks[0].shape[0]
    parts = []
    for x, df, w in zip(blocks, dfs, weights, strict=True):
        x = x.copy()
        x.data *= math.sqrt(w)
        x.data[df[x.indices] > BLOCK_MAX_DF] = 0.0
        parts.append(x)
    x = sp.csr_matrix(sp.hstack(parts, format="csr"))
    x.eliminate_zeros()
    # Keep each row's BLOCK_TERMS largest entries.
    lengths = np.diff(x.indptr)
    keep = np.ones(x.nnz, dtype=bool)
    for i in np.flatnonzero(lengths > BLOCK_TERMS):
        s, e = x.indptr[i], x.indptr[i + 1]
        row = x.data[s:e]
        keep[s + np.argpartition(-row, BLOCK_TERMS)[BLOCK_TERMS:]] = False
    x.data[~keep] = 0.0
    x.eliminate_zeros()
    xt = sp.csr_matrix(x.T)
    pairs = []
    chunk = 500  # rows per product: at most chunk * BLOCK_TERMS * BLOCK_MAX_DF entries at once
    for start in range(0, n, chunk):
        prod = sp.csr_matrix(x[start : start + chunk] @ xt)
        for r in range(prod.shape[0]):
            s, e = prod.indptr[r], prod.indptr[r + 1]
            cols = prod.indices[s:e]
            vals = prod.data[s:e]
            i = start + r
            mask = cols != i
            cols, vals = cols[mask], vals[mask]
            if len(cols) > NEIGHBOURS:
                cols = cols[np.argpartition(-vals, NEIGHBOURS)[:NEIGHBOURS]]
            if len(cols):
                pairs.append(np.stack([np.full(len(cols), i), cols], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    p = np.concatenate(pairs).astype(np.int64)
    p.sort(axis=1)
    return np.unique(p, axis=0)


def _pair_similarity(blocks: list[sp.csr_matrix], weights: list[float], pairs: np.ndarray) -> np.ndarray:
    """Weighted mean of block cosines over the blocks where both articles have features."""
    num = np.zeros(len(pairs))
    den = np.zeros(len(pairs))
    chunk = 50_000
    for x, w in zip(blocks, weights, strict=True):
        nonempty = np.diff(x.indptr) > 0
        for s in range(0, len(pairs), chunk):
            p = pairs[s : s + chunk]
            cos = np.asarray(x[p[:, 0]].multiply(x[p[:, 1]]).sum(axis=1)).ravel()
            both = nonempty[p[:, 0]] & nonempty[p[:, 1]]
            num[s : s + chunk] += w * cos
            den[s : s + chunk] += w * both
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def _agglomerate(n: int, pairs: np.ndarray, sims: np.ndarray, days: list[int | None], threshold: float,
                 window_days: int) -> list[int]:
    """Average-linkage agglomerative clustering over a sparse similarity graph (absent edges are 0).

    The similarity of two clusters is the sum of the edge weights between them over |A|·|B|; the most
    similar pair is merged until none reaches `threshold`. A merge that would put two dated articles more
    than `window_days` apart into one story is refused. Returns a cluster representative per node.
    """
    nbr: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in zip(pairs.tolist(), sims.tolist(), strict=True):
        if s > 0:
            nbr[i][j] = s
            nbr[j][i] = s
    size = [1] * n
    lo = list(days)
    hi = list(days)
    version = [0] * n
    parent = list(range(n))
    heap = [(-s, i, j, 0, 0)
            for (i, j), s in zip(pairs.tolist(), sims.tolist(), strict=True) if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if version[a] != va or version[b] != vb or parent[a] != a or parent[b] != b:
            continue
        if lo[a] is not None and lo[b] is not None:
            if max(hi[a], hi[b]) - min(lo[a], lo[b]) > window_days:
                continue
        if size[a] < size[b]:
            a, b = b, a
        del nbr[a][b]
        del nbr[b][a]
        for k, v in nbr[b].items():
            nbr[a][k] = nbr[a].get(k, 0.0) + v
            nk = nbr[k]
            del nk[b]
            nk[a] = nk.get(a, 0.0) + v
        nbr[b] = {}
        parent[b] = a
        size[a] += size[b]
        if lo[b] is not None:
            lo[a] = lo[b] if lo[a] is None else min(lo[a], lo[b])
            hi[a] = hi[b] if hi[a] is None else max(hi[a], hi[b])
        version[a] += 1
        version[b] += 1
        for k, v in nbr[a].items():
            score = v / (size[a] * size[k])
            if score >= threshold:
                x, y = (a, k)
                heapq.heappush(heap, (-score, x, y, version[x], version[y]))
    # Resolve representatives.
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        parent[i] = r
    return parent


def story_id(docs: Sequence[str]) -> str:
    """A short stable id for the story made of `docs` (independent of their order)."""
    h = hashlib.blake2b("\n".join(sorted(docs)).encode("utf-8"), digest_size=6).hexdigest()
    return "s" + h


def _cluster_segment(articles: Sequence[Article], threshold: float,
                     window_days: int) -> tuple[list[int], list[StoryAssignment]]:
    """Cluster one segment of articles at once: a representative per article, and their assignments."""
    n = len(articles)
    blocks_tf, sig = _featurise([analysed_text(a) for a in articles])
    names = list(BLOCK_WEIGHTS)
    weights = [BLOCK_WEIGHTS[k] for k in names]
    built = [blocks_tf[k].tfidf() for k in names]
    del blocks_tf
    blocks = [b for b, _ in built]
    dfs = [d for _, d in built]

    # Near-duplicates: MinHash of word shingles, LSH banding for candidates.
    dup_pairs = lsh_pairs(sig, LSH_BANDS)
    dup_j = estimated_jaccard(sig, dup_pairs)
    dup_pairs, dup_j = dup_pairs[dup_j >= COPY_JACCARD], dup_j[dup_j >= COPY_JACCARD]

    pairs = _candidate_pairs(blocks, dfs, weights)
    if len(dup_pairs):
        pairs = np.unique(np.concatenate([pairs, dup_pairs]), axis=0)
    days = [_day(a.date) for a in articles]
    if len(pairs):
        d = np.array([np.nan if x is None else x for x in days], dtype=float)
        gap = np.abs(d[pairs[:, 0]] - d[pairs[:, 1]])
        pairs = pairs[~(gap > window_days)]  # NaN (an undated side) is kept
    sims = _pair_similarity(blocks, weights, pairs)
    del blocks, dfs
    copy_j = {}
    for (i, j), jac in zip(dup_pairs.tolist(), dup_j.tolist(), strict=True):
        copy_j[(i, j)] = jac
    if copy_j:
        for t, (i, j) in enumerate(pairs.tolist()):
            jac = copy_j.get((i, j))
            if jac is not None and jac > sims[t]:
                sims[t] = jac

    rep = _agglomerate(n, pairs, sims, days, threshold, window_days)

    members: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rep):
        members[r].append(i)
    ids = {r: story_id([articles[i].doc for i in m]) for r, m in members.items()}
    inside = np.zeros(n)
    for (i, j), s in zip(pairs.tolist(), sims.tolist(), strict=True):
        if rep[i] == rep[j]:
            inside[i] += s
            inside[j] += s

    # copy_of: the earliest article (by date, unknown dates last, then input order) of the same story
    # that this one is a near-duplicate of.
    def order(i: int) -> tuple[int, int]:
        return (days[i] if days[i] is not None else 10**9, i)

    copy_of: dict[int, int] = {}
    for i, j in copy_j:
        if rep[i] != rep[j]:
            continue
        first, second = (i, j) if order(i) < order(j) else (j, i)
        if second not in copy_of or order(first) < order(copy_of[second]):
            copy_of[second] = first

    out = []
    for i, a in enumerate(articles):
        k = len(members[rep[i]])
        sim = 1.0 if k == 1 else float(inside[i] / (k - 1))
        c = copy_of.get(i)
        original = articles[c].doc if c is not None else None
        out.append(StoryAssignment(a.doc, ids[rep[i]], original, round(sim, 4)))
    return rep, out


T = TypeVar("T")


def _flush(buffer: list[tuple[T, Article]], cut_day: int | None, threshold: float, window_days: int,
           max_carry: int) -> tuple[list[list[tuple[T, StoryAssignment]]], list[tuple[T, Article]]]:
    """Cluster `buffer`; return the stories that are closed and the articles of those still open.

    A story is open when an article dated `cut_day` or later could still join it without the story
    spanning more than `window_days` (`cut_day` None: the input has ended, nothing is open). Open stories
    go back into the next segment as free articles, so they are clustered again with what follows.
    """
    rep, assigned = _cluster_segment([a for _, a in buffer], threshold, window_days)
    members: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rep):
        members[r].append(i)
    closed: list[list[int]] = []
    still_open: list[tuple[int, list[int]]] = []
    for m in members.values():
        first = min((d for i in m if (d := _day(buffer[i][1].date)) is not None), default=None)
        if cut_day is not None and first is not None and cut_day - first <= window_days:
            still_open.append((first, m))
        else:
            closed.append(m)
    # Keep the carry bounded: when a stretch of days holds more articles than a segment, the oldest open
    # stories are closed as they stand rather than growing the next segment without limit.
    still_open.sort(key=lambda fm: (fm[0], fm[1][0]))
    carried = sum(len(m) for _, m in still_open)
    while still_open and carried > max_carry:
        _, m = still_open.pop(0)
        closed.append(m)
        carried -= len(m)
    closed.sort(key=lambda m: m[0])
    done = [[(buffer[i][0], assigned[i]) for i in m] for m in closed]
    carry = sorted(i for _, m in still_open for i in m)
    return done, [buffer[i] for i in carry]


def _stream(items: Iterable[tuple[T, Article]], threshold: float, window_days: int,
            segment: int) -> Iterator[list[tuple[T, StoryAssignment]]]:
    buffer: list[tuple[T, Article]] = []
    fresh = 0
    last_day: int | None = None
    for item in items:
        if fresh >= segment:  # cut only when more is coming: an input of exactly `segment` stays whole
            done, buffer = _flush(buffer, last_day, threshold, window_days, segment // 2)
            yield from done
            fresh = 0
        buffer.append(item)
        fresh += 1
        d = _day(item[1].date)
        if d is not None and (last_day is None or d > last_day):
            last_day = d
    if buffer:
        done, _ = _flush(buffer, None, threshold, window_days, segment // 2)
        yield from done


def stream_stories(
    articles: Iterable[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
    segment: int | None = None,
) -> Iterator[list[tuple[Article, StoryAssignment]]]:
    """Group a stream of articles into stories, yielding each story (its articles with their assignments)
    as soon as no later article can join it. Memory is bounded by `segment`, not by the stream's length.

    Articles should come in date order, as news does. They are clustered `segment` at a time; a story that
    an article still to come could join (its first article less than `window_days` before the latest date
    seen) is clustered again with the next segment. An input of at most `segment` articles is clustered
    in one piece, exactly as `cluster_articles` does (`segment` default: `SEGMENT`). Undated articles
    join the segment they arrive in, so in a long undated stream two articles of one story more than
    `segment` apart may be split.
    """
    segment = SEGMENT if segment is None else segment
    yield from _stream(((a, a) for a in articles), threshold, window_days, segment)


def date_key(date: str | None) -> tuple[bool, int]:
    """Where an article dated `date` goes in the order a large corpus is clustered in: by day, undated
    last (ties keep their input order). Everything that feeds `stream_stories` a large corpus sorts by
    this key, so it clusters as `cluster_articles` does."""
    day = _day(date)
    return (day is None, day or 0)


def date_order(dates: Sequence[str | None]) -> list[int]:
    """The positions of `dates` sorted by `date_key`, ties in input order."""
    keys = [date_key(d) for d in dates]
    return sorted(range(len(keys)), key=keys.__getitem__)


def cluster_articles(
    articles: Sequence[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
    segment: int | None = None,
) -> list[StoryAssignment]:
    """Group `articles` into stories; one StoryAssignment per article, in input order.

    `threshold` is the average-linkage similarity at which merging stops (higher: smaller, purer stories).
    Dated articles more than `window_days` apart never share a story; undated articles are unconstrained.
    More than `segment` articles (default `SEGMENT`) are clustered in date order, a segment at a time
    (see `stream_stories`).
    """
    n = len(articles)
    if n == 0:
        return []
    segment = SEGMENT if segment is None else segment  # read when called, so one setting serves everywhere
    order: Iterable[int] = range(n)
    if n > segment:
        order = date_order([a.date for a in articles])
    out: list[StoryAssignment | None] = [None] * n
    for story in _stream(((i, articles[i]) for i in order), threshold, window_days, segment):
        for i, assignment in story:
            out[i] = assignment
    return out  # type: ignore[return-value]


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering `pred` against `gold` (doc -> label), over the
    documents of `gold` (a document missing from `pred` counts as a singleton)."""
    if not gold:
        return 0.0, 0.0, 0.0
    pred = {d: pred.get(d, ("\0missing", d)) for d in gold}
    p_members: dict[object, set[str]] = defaultdict(set)
    g_members: dict[object, set[str]] = defaultdict(set)
    for d in gold:
        p_members[pred[d]].add(d)
        g_members[gold[d]].add(d)
    precision = recall = 0.0
    for d in gold:
        a, b = p_members[pred[d]], g_members[gold[d]]
        both = len(a & b)
        precision += both / len(a)
        recall += both / len(b)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
