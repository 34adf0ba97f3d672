"""MinHash signatures of word shingles and LSH banding, vectorised with numpy.

Used by story clustering to find near-duplicates and syndicated copies (the same wire text printed by two
outlets) without comparing all pairs. Hashes are deterministic across runs and machines: words are hashed
with CRC32, shingles by mixing consecutive word hashes, and the permutations come from a fixed seed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np

_SEED = 20240611


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a fast, well-spread 64-bit hash of each element."""
    with np.errstate(over="ignore"):
        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


class WordHasher:
    """CRC32 of each distinct word, cached (a corpus has far fewer distinct words than tokens)."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def __call__(self, words: Iterable[str]) -> np.ndarray:
        cache = self._cache
        words = words if isinstance(words, list) else list(words)
        for w in set(words).difference(cache):
            cache[w] = zlib.crc32(w.encode("utf-8"))
        return np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))


def shingle_hashes(word_hashes: np.ndarray, k: int = 5) -> np.ndarray:
    """Distinct 64-bit hashes of the k-word shingles of one document (the words themselves if shorter)."""
    n = len(word_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    if n < k:
        k = n
    acc = np.zeros(n - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = _mix(acc ^ word_hashes[j : n - k + 1 + j])
    return np.unique(acc)


class MinHasher:
    """`num_perm` MinHash values per document from multiply-shift hashing of shingle hashes."""

    def __init__(self, num_perm: int = 64) -> None:
        rng = np.random.default_rng(_SEED)
        self.num_perm = num_perm
        self.a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)

    def signatures(self, docs: Sequence[np.ndarray], chunk: int = 200_000) -> np.ndarray:
        """A (len(docs), num_perm) uint32 array; a document without shingles gets all-max values."""
        sig = np.full((len(docs), self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        i = 0
        while i < len(docs):
            # Gather documents until about `chunk` shingles, hash them all at once, min per document.
            j, total = i, 0
            while j < len(docs) and (total == 0 or total + len(docs[j]) <= chunk):
                total += len(docs[j])
                j += 1
            lens = np.array([len(d) for d in docs[i:j]])
            nonempty = np.flatnonzero(lens)
            if len(nonempty):
                flat = np.concatenate([docs[i + t] for t in nonempty])
                with np.errstate(over="ignore"):
                    h = (flat[:, None] * self.a[None, :] + self.b[None, :]) >> np.uint64(32)
                h = h.astype(np.uint32)
                starts = np.concatenate([[0], np.cumsum(lens[nonempty])[:-1]])
                sig[i + nonempty] = np.minimum.reduceat(h, starts, axis=0)
            i = j
        return sig


def band_keys(sig: np.ndarray, band: int, bands: int) -> np.ndarray:
    """Each signature's bucket in LSH band `band` of `bands` (uint64; equal rows give equal keys)."""
    rows = sig.shape[1] // bands
    part = sig[:, band * rows : (band + 1) * rows].astype(np.uint64)
    key = np.full(len(sig), np.uint64(band), dtype=np.uint64)
    for c in range(rows):
        key = _mix(key ^ part[:, c])
    return key


def empty_signatures(sig: np.ndarray) -> np.ndarray:
    """Which signatures belong to documents without shingles (they share no bucket)."""
    return np.all(sig == np.iinfo(np.uint32).max, axis=1)


def bucket_pairs(members: np.ndarray, max_bucket: int = 50) -> np.ndarray:
    """The pairs one LSH bucket gives (`members` ascending): all its pairs, or for a bucket larger than
    `max_bucket` (boilerplate that thousands of pages share) a chain of consecutive members, so the
    output stays linear in the corpus size."""
    size = len(members)
    if size <= max_bucket:
        ii, jj = np.triu_indices(size, 1)
        return np.stack([members[ii], members[jj]], axis=1)
    return np.stack([members[:-1], members[1:]], axis=1)


def lsh_pairs(sig: np.ndarray, bands: int, max_bucket: int = 50) -> np.ndarray:
    """Candidate pairs (i < j, unique) of documents whose signatures agree on at least one band
    (see `bucket_pairs` for large buckets)."""
    out: list[np.ndarray] = []
    empty = empty_signatures(sig)
    for b in range(bands):
        key = band_keys(sig, b, bands)
        order = np.argsort(key, kind="stable")
        order = order[~empty[order]]
        ks = key[order]
        if len(ks) < 2:
            continue
        boundaries = np.flatnonzero(ks[1:] != ks[:-1]) + 1
        starts = np.concatenate([[0], boundaries])
        ends = np.concatenate([boundaries, [len(ks)]])
        sizes = ends - starts
        for s, e in zip(starts[sizes > 1], ends[sizes > 1], strict=True):
            out.append(bucket_pairs(order[s:e], max_bucket))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out).astype(np.int64)
    pairs.sort(axis=1)
    return np.unique(pairs, axis=0)


def estimated_jaccard(sig: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """The share of MinHash values two documents agree on: an unbiased estimate of shingle Jaccard."""
    if len(pairs) == 0:
        return np.zeros(0)
    return (sig[pairs[:, 0]] == sig[pairs[:, 1]]).mean(axis=1)
