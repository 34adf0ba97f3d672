"""Cluster + align at scale: a stream of synthetic articles, in date order, grouped into stories and each
story's quotations aligned as soon as the story closes.

    python bench/bench_scale.py [--articles 100000] [--workers 1] [--quotes 5] [--seed 7]

Articles (random words from a Zipfian vocabulary; planted stories of 2-20 articles over up to 4 days,
sharing topic words, people and places; some exact or trimmed copies; a year of dates) each quote
`--quotes` statements of their story's people, rendered as `bench_align` does: copied, cut, cut with an
ellipsis, a word or two changed, reworded, or reported. The quotations stand in for extraction, which is
measured by bench_quotes.py.

`align.stories.stream_stories` clusters the stream a segment at a time in this process while
`--workers` processes align the stories it closes (`align.quotes.align_quotes`), a bounded number in flight.
Prints wall and CPU time, peak resident memory of this process and of the workers (resource maxrss)
after each tenth of the stream, so whether memory grows with the corpus can be read off directly, and
B-cubed against the planted stories and recall of the planted same-utterance pairs as sanity checks.
"""

from __future__ import annotations

import argparse
import heapq
import random
import resource
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align import Vocabulary, _render, _variant_of  # noqa: E402
from bench_stories import _pseudo_words, compose  # noqa: E402

from newsfold.align.quotes import align_quotes  # noqa: E402
from newsfold.align.stories import bcubed, stream_stories  # noqa: E402
from newsfold.models import Article, Quote  # noqa: E402


def rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


class Planted:
    """The synthetic stream: articles in date order, with the quotations and planted truth of each."""

    def __init__(self, n: int, quotes: int, seed: int) -> None:
        self.n, self.quotes = n, quotes
        self.rng = np.random.default_rng(seed)
        self.prng = random.Random(seed)
        self.vocab = Vocabulary(self.prng)
        self.words = np.array(self.vocab.words)
        zipf = np.cumsum(1.0 / np.arange(1, len(self.words) + 1))
        self.zipf_cum = zipf / zipf[-1]
        rng = self.rng
        self.firsts = [w.capitalize() for w in _pseudo_words(rng, 3_000, 2, 3)]
        self.lasts = [w.capitalize() for w in _pseudo_words(rng, 20_000, 2, 4)]
        self.places = [w.capitalize() for w in _pseudo_words(rng, 5_000, 2, 4)]
        # In flight only (popped when the article's story closes): each quotation with its planted utterance.
        self.quotes_of: dict[str, list[tuple[Quote, int]]] = {}
        self.gold = np.zeros(n, dtype=np.int64)  # planted story per article number

    def __iter__(self) -> Iterator[Article]:
        rng = self.rng
        start = np.datetime64("2023-01-01")
        per_day = self.n / 365
        pending: list[tuple[int, int, Article]] = []
        made = story = seq = 0
        utterance = 0
        day = 0
        while made < self.n:
            # Stories starting today; their articles appear over the next four days.
            for _ in range(int(rng.poisson(per_day / 11))):
                size = min(int(rng.integers(2, 21)), self.n - made)
                if size <= 0:
                    break
                topic = self.words[rng.integers(300, len(self.words), 25)]
                people = [(self.firsts[rng.integers(len(self.firsts))],
                           self.lasts[rng.integers(len(self.lasts))]) for _ in range(int(rng.integers(2, 4)))]
                where = [self.places[rng.integers(len(self.places))] for _ in range(int(rng.integers(1, 3)))]
                pool = [(p, self.vocab.sentence(self.prng.randint(10, 30))) for p in people for _ in range(3)]
                texts: list[str] = []
                for k in range(size):
                    doc = f"syn-{made:06d}.txt"
                    when = day + int(rng.integers(0, 4))
                    text, quotes = self._article(doc, texts, topic, people, where, pool, utterance)
                    texts.append(text)
                    self.quotes_of[doc] = quotes
                    self.gold[made] = story
                    art = Article(doc=doc, text=text, date=str(start + when), outlet=f"outlet{k % 40}")
                    heapq.heappush(pending, (when, seq, art))
                    seq += 1
                    made += 1
                utterance += len(pool)
                story += 1
            while pending and pending[0][0] <= day:
                yield heapq.heappop(pending)[2]
            day += 1
        while pending:
            yield heapq.heappop(pending)[2]

    def _article(self, doc: str, earlier: list[str], topic: np.ndarray, people: list[tuple[str, str]],
                 where: list[str], pool: list, first_utterance: int) -> tuple[str, list[tuple[Quote, int]]]:
        rng, prng = self.rng, self.prng
        if earlier and rng.random() < 0.1:  # a copy of an earlier article of the story, its quotes unmarked
            text = earlier[int(rng.integers(len(earlier)))]
            if rng.random() < 0.5:
                text = text.rsplit("\n\n", 1)[0]
            return text, []
        length = int(rng.integers(120, 320))
        kind = rng.random(length)
        picks = np.minimum(np.searchsorted(self.zipf_cum, rng.random(length)), len(self.words) - 1)
        names = [" ".join(p) for p in people]
        text = compose(rng, kind, self.words[picks].astype(object), topic, names, where)
        quotes: list[tuple[Quote, int]] = []
        for _ in range(self.quotes):
            if prng.random() < 0.8:
                u = prng.randrange(len(pool))
                (first, last), said = pool[u]
                body, how = _variant_of(prng, said, self.vocab)
            else:
                u = -1 - first_utterance  # nobody else's
                first, last = prng.choice(people)
                body, how = " ".join(self.vocab.sentence(prng.randint(8, 25))), "own"
            speaker = _render(prng, first, last)
            text += "\n\n“"
            at = len(text)
            text += f"{body},” {speaker or 'an official'} said."
            kind = "indirect" if how == "indirect" else ("partial" if len(body.split()) < 8 else "direct")
            quote = Quote(doc=doc, start=at, end=at + len(body), text=body, kind=kind,  # type: ignore[arg-type]
                          speaker=speaker)
            quotes.append((quote, first_utterance + u if u >= 0 else -1))
        return text, quotes


def align_story(quotes: list[tuple[Quote, int]]) -> tuple[int, int, int, float]:
    """Align one story's quotations: how many alignments, how many of them join two renderings of one
    planted utterance, how many such pairs were planted, and this worker's peak RSS so far."""
    planted = {(q.doc, q.start): u for q, u in quotes if u >= 0}
    alignments = align_quotes([q for q, _ in quotes])
    right = sum(1 for a in alignments
                if planted.get((a.a.doc, a.a.start), -1) == planted.get((a.b.doc, a.b.start), -2))
    by_u: dict[int, list[str]] = {}
    for (doc, _), u in planted.items():
        by_u.setdefault(u, []).append(doc)
    pairs = sum(1 for docs in by_u.values() for i, d in enumerate(docs) for e in docs[i + 1 :] if d != e)
    return len(alignments), right, pairs, rss_mb()


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=1,
                    help="alignment processes (default 1: this process clusters on the other core)")
    ap.add_argument("--quotes", type=int, default=5, help="quotations per article")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    stream = Planted(args.articles, args.quotes, args.seed)
    pred = np.zeros(args.articles, dtype=np.int64)  # story per article number, as an integer
    stories = done = 0
    n_quotes = n_alignments = found = planted = 0
    worker_rss = 0.0
    window: list[Future] = []
    checkpoints = {round(args.articles * k / 10) for k in range(1, 11)}
    t0, c0 = time.perf_counter(), time.process_time()
    print(f"{'articles':>9} {'stories':>8} {'wall s':>7} {'RSS MB':>7} {'worker RSS MB':>14}")

    def settle(fut: Future) -> None:
        nonlocal n_alignments, found, planted, worker_rss
        n, right, pairs, rss = fut.result()
        worker_rss = max(worker_rss, rss)
        n_alignments += n
        found += right
        planted += pairs

    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for story in stream_stories(stream):
            quotes = []
            stories += 1
            for article, _ in story:
                pred[int(article.doc[4:10])] = stories
                quotes.extend(stream.quotes_of.pop(article.doc))
                done += 1
            n_quotes += len(quotes)
            window.append(pool.submit(align_story, quotes))
            # Settle what is done without waiting, so the next segment is clustered while the workers
            # align this one; wait only when a segment's worth of stories is in flight.
            while window and (window[0].done() or len(window) > 4000):
                settle(window.pop(0))
            for c in sorted(checkpoints):
                if done >= c:
                    checkpoints.discard(c)
                    print(f"{c:>9} {stories:>8} {time.perf_counter() - t0:>7.1f} "
                          f"{rss_mb():>7.0f} {worker_rss:>14.0f}", flush=True)
        for fut in window:
            settle(fut)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"articles {done}  quotations {n_quotes}  stories {stories}")
    print(f"cluster + align: {wall:.1f} s wall; CPU {cpu:.1f} s clustering (and generating) here, "
          f"{children.ru_utime + children.ru_stime:.1f} s aligning in {args.workers} worker(s)")
    print(f"peak RSS: {rss_mb():.0f} MB here (stream generator included), {worker_rss:.0f} MB per worker")
    prf = bcubed({str(i): str(s) for i, s in enumerate(pred)},
                 {str(i): str(s) for i, s in enumerate(stream.gold)})
    print(f"stories B-cubed P/R/F1: {'/'.join(f'{x:.3f}' for x in prf)}")
    print(f"planted pairs of one utterance {planted}, found {found} (recall {found / max(1, planted):.3f}); "
          f"alignments {n_alignments} (share planted {found / max(1, n_alignments):.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
