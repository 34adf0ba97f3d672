"""What story clustering knows of each article, and which pairs of articles it scores.

Each article is described by five blocks of terms (see `align.stories`): content words, names, numbers, time
words, and the words and names of its lead; and two that only veto a pair: the headline figures and the
weekdays its lead names. A block's terms are weighted by TF-IDF (sublinear tf, smoothed idf raised to
``IDF_POWER``, l2-normalised per block) and the weights kept as integers of ``QUANT_BITS`` bits. Candidate
pairs are each article's ``NEIGHBOURS`` best matches on its ``BLOCK_TERMS`` strongest terms that are not too
common, plus the near-duplicates found by MinHash/LSH; only those pairs are ever scored.

Why integers: the same stories come out of one process (`segment_graph`, used by `align.stories`) and
out of Spark joins (`newsfold.spark.story_graph`), where sums run in whatever order a shuffle delivers
them. So every step is exact or elementwise: logarithms are Python's ``math.log`` of the same values,
block norms ``math.fsum`` (correctly rounded whatever the order), weights rounded to integers, and every
score a sum of integer products. Ties are broken by position (an article's terms in the order they
first appear; articles by index), never left to a sort's whim. Each function here works on flat arrays
of entries, one entry per (article, block, term), an article's entries together and in their order, so
an engine can call it on any batch of whole articles.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from newsfold.align import story_terms
from newsfold.align.minhash import MinHasher, WordHasher, estimated_jaccard, lsh_pairs, shingle_hashes

# --- The one setting -------------------------------------------------------------------------------------
# Chosen with bench/bench_stories.py on the three dev corpora together, newswcl50, ECB+ and allsides-dev (one
# setting for all, never per corpus): names count as much as content words (ECB+ separates same-type events
# by who and where), numbers and dates half as much, and the lead (the words and names of the first
# LEAD_TOKENS tokens: title and first sentence) as much again as a block of its own, so that one event told
# from different angles, whose bodies diverge, still meets in its headline. B-cubed F1 (allsides-dev,
# newswcl50, ECB+) at threshold 0.30 with stemmed words, by lead weight: 0 (0.807, 0.984, 0.923),
# 0.75 (0.826, 1.000, 0.933), 1 (0.836, 1.000, 0.935), 1.5 (0.831, 1.000, 0.916). LEAD_TOKENS by the same
# measure, unstemmed, at weight 1 and threshold 0.32: 15 (0.836, 1.000, 0.860), 25 (0.836, 1.000, 0.889),
# 40 (0.830, 1.000, 0.852), 60 (0.836, 1.000, 0.896); 25 is the best for ECB+ at 0.28 (0.937). A block of the
# lead's numbers (headline figures) lowered ECB+ at every weight tried (0.92 -> 0.90 at 1, 0.59 at 4) for at
# most +0.01 on allsides-dev, and so did a penalty on pairs whose leads name different figures (ECB+ 0.93 ->
# 0.83-0.92, allsides-dev at most +0.005): hence the narrower veto of FIGURE_CONFLICT below.
# See `align.stories.DEFAULT_THRESHOLD` for the threshold chosen with them. The settings after it were chosen
# at that threshold, with `align.stories.relative_similarity`; each is scored (allsides-dev, allsides-dev with
# its dates dropped, ECB+) with the others as set here, newswcl50 staying 1.000 throughout.
BLOCKS = ("words", "names", "numbers", "time", "lead", "figures", "days")
# "figures" and "days" (of the lead) add nothing to the mean: they only veto, see FIGURE_CONFLICT and
# DAY_CONFLICT.
BLOCK_WEIGHTS: dict[str, float] = {"words": 1.0, "names": 1.0, "numbers": 0.5, "time": 0.5, "lead": 1.0,
                                   "figures": 0.0, "days": 0.0}
# The same weights doubled, as integers, so that a blocking score is an exact integer sum (0: not blocked on).
_BLOCK_FACTOR = np.array([2, 2, 1, 1, 2, 0, 0], dtype=np.int64)
LEAD_TOKENS = 25  # the lead: about a headline and a first sentence
# Headline figures (story_terms.figure: counts of 1,000 or more) in the first FIGURE_TOKENS tokens. Two
# reports that both lead with such figures and share none are reports of different weeks or days of one
# series ("claims rose to 412,000" / "fell to 385,000"): their similarity is multiplied by FIGURE_CONFLICT.
# On the candidate pairs scoring 0.25 or more, such a conflict within 60 tokens is found for 2 same-story
# pairs and 92 of different stories on allsides-dev, 12 and 5 on ECB+ (any number: 29 and 119, no signal).
# Before the other changes below, at threshold 0.30, by FIGURE_TOKENS: none (0.836, 0.806, 0.935), 25 (0.842,
# 0.815, 0.935), 40 (0.843, 0.815, 0.934), 60 (0.846, 0.819, 0.933); a factor of 0.5 scored as 0. With them:
# no veto (0.858, 0.831, 0.932), the veto (0.870, 0.843, 0.931), decimals as figures too ("5.4 percent" /
# "4.2%": 0.866, 0.845, 0.928).
FIGURE_TOKENS = 60
FIGURE_CONFLICT = 0.0
# Weekdays named in the first DAY_TOKENS tokens: two reports that name days there and share none are most
# often of different days' events ("the Senate voted Tuesday" / "the House votes Thursday"), but a report of
# the next day on the same event names another day too (ECB+), so the veto is a factor, not a zero. On pairs
# scoring 0.25 or more with weekdays in the first 25 tokens of both, such a conflict is found for 5 same-story
# pairs and 255 of different stories on allsides-dev, 119 and 88 on ECB+. By DAY_CONFLICT: 1 (no veto;
# 0.858, 0.828, 0.934), 0.75 (0.870, 0.843, 0.931), 0.5 (0.866, 0.840, 0.919); DAY_TOKENS 25 (0.866, 0.838,
# 0.932), 40 (0.870, 0.843, 0.931).
DAY_TOKENS = 40
DAY_CONFLICT = 0.75
MIN_DF = 2
# idf ** IDF_POWER: above 1, the terms rare in the corpus (an event's own names, places and words) outweigh
# the commoner words a topic's reports all share. By IDF_POWER: 1 (0.859, 0.828, 0.944), 1.25 (0.870, 0.843,
# 0.931), 1.5 (0.869, 0.846, 0.925).
IDF_POWER = 1.25
QUANT_BITS = 20  # a weight in [0, 1] becomes an integer in [0, 2**20]: finer than float32's 24-bit mantissa

# Candidate generation (scaling knobs; they change which pairs are scored, not how they are scored).
NEIGHBOURS = 50  # nearest candidates kept per article
BLOCK_TERMS = 40  # highest-weighted features per article used for blocking
BLOCK_MAX_DF = 1000  # features in more articles than this are too common to block on
COPY_JACCARD = 0.8  # estimated shingle Jaccard at or above which an article is a copy of another
SHINGLE_WORDS = 5
NUM_PERM, LSH_BANDS = 64, 16  # 16 bands of 4 rows: a pair at Jaccard 0.8 is found with p > 0.999


@dataclass
class SegmentGraph:
    """What clustering needs of a segment of articles besides their docs and dates: the candidate pairs
    (i < j, unique; not yet filtered by date), the near-duplicate pairs among them with their estimated
    shingle Jaccard (at least COPY_JACCARD), and one sparse integer matrix of weights per block."""

    pairs: np.ndarray
    copies: np.ndarray
    copy_jaccard: np.ndarray
    vectors: list[sp.csr_matrix]


def case_counts(texts: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word is written capitalised and in lower case in `texts`."""
    raw: Counter[str] = Counter()
    for t in texts:
        raw.update(story_terms.TOKEN.findall(t))
    capitalised: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    for w, c in raw.items():
        if w[0].isupper():
            capitalised[w.lower()] += c
        elif w[0].isalpha():
            lowercase[w] += c
    return capitalised, lowercase


def namelike(capitalised: Counter[str], lowercase: Counter[str]) -> set[str]:
    """The words a corpus writes capitalised more often than not: the ones that may stand alone as names."""
    return {w for w, c in capitalised.items() if c > lowercase[w]}


def article_terms(
    text: str, names_words: Collection[str]
) -> tuple[list[int], list[str], list[int], list[str]]:
    """One article's entries (block index, term, count), blocks in BLOCKS order and each block's terms in
    the order they first appear; and its lowercased tokens (for shingles)."""
    tokens = story_terms.TOKEN.findall(text.lower())
    per: list[dict[str, int]] = [{} for _ in BLOCKS]
    for tok, c in Counter(tokens).items():
        cat = story_terms.category(tok)
        if cat is not None:
            d = per[cat[0]]
            d[cat[1]] = d.get(cat[1], 0) + c
    lowerish = lambda w: w not in names_words  # noqa: E731
    per[story_terms.NAMES] = dict(Counter(story_terms.names(text, lowerish)))
    # The lead: the content words and names of the title and first sentence, again, in a block of their
    # own, so that a headline's terms weigh more than the body's tail.
    lead = story_terms.lead(text, LEAD_TOKENS)
    in_lead = per[story_terms.LEAD]
    for tok in story_terms.TOKEN.findall(lead.lower()):
        cat = story_terms.category(tok)
        if cat is not None and cat[0] == story_terms.WORDS:
            in_lead[cat[1]] = in_lead.get(cat[1], 0) + 1
    for name in story_terms.names(lead, lowerish):
        in_lead[name] = in_lead.get(name, 0) + 1
    # The vetoes' terms: figures and weekdays among the text's first tokens (read off the tokens above, not
    # a second tokenisation of the lead: this runs for every article of a corpus).
    figures = per[story_terms.FIGURES]
    for tok in tokens[:FIGURE_TOKENS]:
        cat = story_terms.category(tok)
        if cat is not None and cat[0] == story_terms.NUMBERS and story_terms.figure(cat[1]):
            figures[cat[1]] = figures.get(cat[1], 0) + 1
    days = per[story_terms.DAYS]
    for tok in tokens[:DAY_TOKENS]:
        if tok in story_terms.WEEKDAYS:
            days[tok[:3]] = days.get(tok[:3], 0) + 1
    blocks: list[int] = []
    terms: list[str] = []
    counts: list[int] = []
    for b, d in enumerate(per):
        blocks.extend([b] * len(d))
        terms.extend(d)
        counts.extend(d.values())
    return blocks, terms, counts, tokens


def shingles(tokens: list[str], hasher: WordHasher) -> np.ndarray:
    """The distinct hashes of an article's SHINGLE_WORDS-word shingles (none for a shorter article)."""
    if len(tokens) < SHINGLE_WORDS:
        return np.zeros(0, dtype=np.uint64)
    return shingle_hashes(hasher(tokens), SHINGLE_WORDS)


def quantised_weights(
    doc: np.ndarray, block: np.ndarray, count: np.ndarray, df: np.ndarray, n: int
) -> np.ndarray:
    """Each entry's TF-IDF weight in its article's block, l2-normalised, as an integer out of 2**QUANT_BITS.

    tf: 1 + ln(count); idf: ln((1 + n) / (1 + df)) + 1, and 0 for a term in fewer than MIN_DF articles (it
    cannot link an article to any other and would only lengthen its vector, making long articles with
    idiosyncratic wording look unlike their own story: the commentary pieces of newswcl50).
    """
    if len(doc) == 0:
        return np.zeros(0, dtype=np.int64)
    tf_values = np.unique(count)
    tf = np.array([1.0 + math.log(int(c)) for c in tf_values])[np.searchsorted(tf_values, count)]
    df_values = np.unique(df)
    idf_values = np.array([(math.log((1 + n) / (1 + int(d))) + 1.0) ** IDF_POWER for d in df_values])
    idf = idf_values[np.searchsorted(df_values, df)]
    # A headline figure of one article alone is kept: it links to nothing, but it tells that article's
    # report from another that leads with a different figure.
    idf[(df < MIN_DF) & (block < story_terms.FIGURES)] = 0.0
    raw = tf * idf
    # One norm per (article, block): its entries are contiguous, so boundaries are where either changes.
    key = doc.astype(np.int64) * len(BLOCKS) + block
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    ends = np.append(starts[1:], len(key))
    squares = raw * raw
    norms = np.empty(len(starts))
    step = 4096  # groups at a time: a list of Python floats for a whole corpus would be large
    for g in range(0, len(starts), step):
        lo = int(starts[g])
        chunk = squares[lo : int(ends[min(g + step, len(starts)) - 1])].tolist()
        norms[g : g + step] = [math.sqrt(math.fsum(chunk[s - lo : e - lo]))
                               for s, e in zip(starts[g : g + step].tolist(), ends[g : g + step].tolist(),
                                               strict=True)]
    norms[norms == 0] = 1.0
    per_entry = np.repeat(norms, ends - starts)
    return np.rint(raw / per_entry * (1 << QUANT_BITS)).astype(np.int64)


def blocking(
    doc: np.ndarray, block: np.ndarray, q: np.ndarray, df: np.ndarray, *, terms: int | None = None,
    max_df: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Which entries an article blocks on, and their blocking weight (the block's integer factor times q).

    An article blocks on its BLOCK_TERMS entries of largest block-weighted weight (factor * q**2: the order
    of sqrt(block weight) * weight) among those in at most BLOCK_MAX_DF articles; ties go to the earlier
    entry. (`terms`, `max_df`: BLOCK_TERMS and BLOCK_MAX_DF as the caller's process has them.)
    """
    terms = BLOCK_TERMS if terms is None else terms
    max_df = BLOCK_MAX_DF if max_df is None else max_df
    factor = _BLOCK_FACTOR[block]
    eligible = np.flatnonzero((df <= max_df) & (q > 0) & (factor > 0))
    strength = factor[eligible] * q[eligible] * q[eligible]
    order = eligible[np.lexsort((eligible, -strength, doc[eligible]))]
    d = doc[order]
    first = np.flatnonzero(np.concatenate([[True], d[1:] != d[:-1]]))
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.append(first, len(order))))
    mask = np.zeros(len(doc), dtype=bool)
    mask[order[rank < terms]] = True
    return mask, factor * q


def top_neighbours(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Pairs (i < j, unique) of each row's NEIGHBOURS best-scoring columns, ties to the lower column.

    `rows`, `cols`, `scores`: one entry per scored (i, j), i != j, grouped by row in any order within it.
    """
    if len(rows) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((cols, -scores, rows))
    r = rows[order]
    first = np.flatnonzero(np.concatenate([[True], r[1:] != r[:-1]]))
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.append(first, len(order))))
    keep = order[rank < NEIGHBOURS]
    p = np.stack([rows[keep], cols[keep]], axis=1).astype(np.int64)
    p.sort(axis=1)
    return np.unique(p, axis=0)


def neighbour_pairs(
    doc: np.ndarray, term: np.ndarray, weight: np.ndarray, q: np.ndarray, n: int
) -> np.ndarray:
    """Each article's NEIGHBOURS best matches by blocking score: the sum over the blocking terms two
    articles share of one's blocking weight times the other's q (exact in int64). Entries: blocking only."""
    if len(doc) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    width = int(term.max()) + 1
    left = sp.csr_matrix((weight, (doc, term)), shape=(n, width), dtype=np.int64)
    right_t = sp.csr_matrix(sp.csr_matrix((q, (doc, term)), shape=(n, width), dtype=np.int64).T)
    parts = []
    chunk = 500  # rows per product: at most chunk * BLOCK_TERMS * BLOCK_MAX_DF entries at once
    for start in range(0, n, chunk):
        prod = sp.csr_matrix(left[start : start + chunk] @ right_t)
        own = np.repeat(np.arange(start, start + prod.shape[0]), np.diff(prod.indptr))
        prod.data[prod.indices == own] = 0  # an article is not its own neighbour
        prod.eliminate_zeros()
        # A row's entries below its NEIGHBOURS-th best score cannot be kept: drop them before the sort.
        keep = np.ones(prod.nnz, dtype=bool)
        lengths = np.diff(prod.indptr)
        for r in np.flatnonzero(lengths > NEIGHBOURS).tolist():
            s, e = prod.indptr[r], prod.indptr[r + 1]
            row = prod.data[s:e]
            keep[s:e] = row >= np.partition(row, len(row) - NEIGHBOURS)[len(row) - NEIGHBOURS]
        rows = np.repeat(np.arange(start, start + prod.shape[0], dtype=np.int64), lengths)[keep]
        parts.append(top_neighbours(rows, prod.indices[keep].astype(np.int64), prod.data[keep]))
    return np.unique(np.concatenate(parts), axis=0)


def block_matrices(
    doc: np.ndarray, block: np.ndarray, term: np.ndarray, q: np.ndarray, n: int
) -> list[sp.csr_matrix]:
    """One (articles × terms) int64 matrix per block from entries with q > 0 (`term` unique per
    (block, term); any numbering)."""
    width = int(term.max()) + 1 if len(term) else 1
    out = []
    for b in range(len(BLOCKS)):
        m = (block == b) & (q > 0)
        out.append(sp.csr_matrix((q[m], (doc[m], term[m])), shape=(n, width), dtype=np.int64))
    return out


#: The blocks that only veto: the factor a pair's similarity is multiplied by when both have terms there and
#: share none (read when called, so a test can change the setting).
_VETO = {"figures": lambda: FIGURE_CONFLICT, "days": lambda: DAY_CONFLICT}


def pair_similarity(vectors: list[sp.csr_matrix], pairs: np.ndarray) -> np.ndarray:
    """Weighted mean of block cosines over the blocks where both articles have features (exact integer dot
    products, one float division each)."""
    num = np.zeros(len(pairs))
    den = np.zeros(len(pairs))
    scale = float(1 << (2 * QUANT_BITS))
    chunk = 50_000
    factor = np.ones(len(pairs))
    for x, name in zip(vectors, BLOCKS, strict=True):
        w = BLOCK_WEIGHTS[name]
        nonempty = np.diff(x.indptr) > 0
        for s in range(0, len(pairs), chunk):
            p = pairs[s : s + chunk]
            dot = np.asarray(x[p[:, 0]].multiply(x[p[:, 1]]).sum(axis=1), dtype=np.int64).ravel()
            both = nonempty[p[:, 0]] & nonempty[p[:, 1]]
            if name in _VETO:
                factor[s : s + chunk][both & (dot == 0)] *= _VETO[name]()
            num[s : s + chunk] += w * (dot / scale)
            den[s : s + chunk] += w * both
    sims = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    return sims * factor


def copies(sig: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Near-duplicate pairs (LSH over MinHash signatures) with estimated Jaccard at least COPY_JACCARD."""
    pairs = lsh_pairs(sig, LSH_BANDS)
    jac = estimated_jaccard(sig, pairs)
    keep = jac >= COPY_JACCARD
    return pairs[keep], jac[keep]


def graph_of(pairs: np.ndarray, copy_pairs: np.ndarray, copy_jaccard: np.ndarray,
             vectors: list[sp.csr_matrix]) -> SegmentGraph:
    """The graph from neighbour pairs and copy pairs (i < j) found by whatever engine, in any order: pairs
    sorted and unique, copies sorted with their Jaccard, so every engine's graph compares equal."""
    copy_pairs = np.asarray(copy_pairs, dtype=np.int64).reshape(-1, 2)
    order = np.lexsort((copy_pairs[:, 1], copy_pairs[:, 0]))
    both = np.concatenate([np.asarray(pairs, dtype=np.int64).reshape(-1, 2), copy_pairs])
    return SegmentGraph(np.unique(both, axis=0), copy_pairs[order],
                        np.asarray(copy_jaccard, dtype=float)[order], vectors)


def term_ids(block: np.ndarray, terms: list[str]) -> np.ndarray:
    """A number for each entry's (block, term), the same for the same term of the same block."""
    out = np.empty(len(terms), dtype=np.int64)
    offset = 0
    terms_array = np.asarray(terms, dtype=object)
    for b in range(len(BLOCKS)):
        where = np.flatnonzero(block == b)
        part = terms_array[where].tolist()
        # dict.fromkeys, zip and map keep the per-term work in C: a corpus has millions of entries
        ids = dict.fromkeys(part)
        ids.update(zip(ids, itertools.count(offset)))
        out[where] = np.fromiter(map(ids.__getitem__, part), dtype=np.int64, count=len(part))
        offset += len(ids)
    return out


def segment_graph(texts: Sequence[str]) -> SegmentGraph:
    """Features and candidate pairs of one segment of analysed texts, in this process."""
    n = len(texts)
    names_words = namelike(*case_counts(texts))
    hasher = WordHasher()
    minhasher = MinHasher(NUM_PERM)
    lengths: list[int] = []
    blocks: list[int] = []
    terms: list[str] = []
    counts: list[int] = []
    signatures: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    for t in texts:
        b, tm, c, tokens = article_terms(t, names_words)
        lengths.append(len(b))
        blocks.extend(b)
        terms.extend(tm)
        counts.extend(c)
        pending.append(shingles(tokens, hasher))
        if len(pending) >= 2000:
            signatures.append(minhasher.signatures(pending))
            pending = []
    if pending or not signatures:
        signatures.append(minhasher.signatures(pending))
    sig = np.concatenate(signatures)
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    block = np.asarray(blocks, dtype=np.int64)
    count = np.asarray(counts, dtype=np.int64)
    del blocks, counts
    term = term_ids(block, terms)
    del terms
    df = np.bincount(term)[term] if len(term) else term
    q = quantised_weights(doc, block, count, df, n)
    mask, weight = blocking(doc, block, q, df)
    pairs = neighbour_pairs(doc[mask], term[mask], weight[mask], q[mask], n)
    copy_pairs, copy_j = copies(sig)
    return graph_of(pairs, copy_pairs, copy_j, block_matrices(doc, block, term, q, n))
