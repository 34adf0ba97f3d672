"""Quote alignment at scale: time and peak memory on synthetic stories, and the planted pairs it recovers.

    python bench/bench_align.py [--articles 100000] [--per-story 10] [--quotes 5] [--one-story N] [--seed 1]

Generates stories of `--per-story` articles, each article quoting `--quotes` statements of the story's
speakers: the same utterance copied, cut to a partial quotation, cut with an ellipsis, with a word or two
changed or left out, reworded throughout, or reported (indirect), under varying renderings of the speaker's
name ("Mr Vale", "Ines Vale", "the minister"), plus statements no other article carries. Words come from a
Zipfian vocabulary, so common words are shared by many unrelated statements, as in news.

Stories are generated and aligned one at a time (as `newsfold story` does), so memory should stay flat
however many articles there are; `--one-story N` instead puts N articles into one story, to show that
candidate blocking keeps a large story from costing all pairs.

Prints CPU and wall time of alignment (on a shared machine the wall time includes waiting for a core),
quotations per second of CPU, peak resident memory (resource maxrss) after generation of the
first story and at the end, and recall/precision of the planted same-utterance pairs (synthetic, so only a
sanity check: quality is measured on the seeds' gold).
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsfold.align.normalise import STOPWORDS  # noqa: E402
from newsfold.align.quotes import align_quotes  # noqa: E402
from newsfold.models import Quote  # noqa: E402

FIRST = "Ines Omar Lena Yuri Ada Kofi Mira Tomas Anja Ravi Sela Piet Noor Ivo Zora Eli".split()
LAST = "Vale Brandt Okafor Lindqvist Moreau Tanaka Haddad Novak Ferreira Quist Abara Holm Reyes Sato".split()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Vocabulary:
    """Words drawn with Zipfian frequencies: a few very common, most rare.

    As in English, the most frequent words are function words (newsfold's stop words head the list).
    """

    def __init__(self, rng: random.Random, size: int = 30000) -> None:
        letters = "abcdefghijklmnoprstuvwyz"
        head = sorted(w for w in STOPWORDS if w.isalpha())
        rng.shuffle(head)
        words: set[str] = set(head)
        made: list[str] = []
        while len(words) < size:
            w = "".join(rng.choice(letters) for _ in range(rng.randint(4, 10)))
            if w not in words:
                words.add(w)
                made.append(w)
        self.words = head + made
        self.cum = list(itertools.accumulate(1 / (k + 1) for k in range(len(self.words))))
        self.rng = rng

    def sentence(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)


def _render(rng: random.Random, first: str, last: str) -> str | None:
    r = rng.random()
    if r < 0.08:
        return None
    if r < 0.12:
        return "the minister"
    return rng.choice([f"{first} {last}", f"Mr {last}", last, f"Minister {first} {last}"])


def _variant_of(rng: random.Random, words: list[str], vocab: Vocabulary) -> tuple[str, str]:
    """A rendering of an utterance as one article prints it, and the relation it was made with."""
    n = len(words)
    r = rng.random()
    if r < 0.35:
        return " ".join(words), "identical"
    if r < 0.55:
        k = rng.randint(2, min(6, n))
        s = rng.randint(0, n - k)
        return " ".join(words[s : s + k]), "excerpt"
    if r < 0.65:
        a, b = sorted(rng.sample(range(1, n - 1), 2))
        return " ".join(words[:a] + ["…"] + words[b:]), "excerpt"
    if r < 0.8:
        w = list(words)
        for _ in range(rng.randint(1, 2)):
            k = rng.randrange(n)
            w[k] = vocab.sentence(1)[0]
        return " ".join(w), "altered"
    if r < 0.9:
        w = [x if rng.random() > 0.35 else vocab.sentence(1)[0] for x in words]
        return " ".join(w), "variant"
    return "that " + " ".join(words[1:]), "indirect"


def stories(n_articles: int, per_story: int, quotes: int, seed: int) -> Iterator[tuple[list[Quote], set]]:
    """(quotations of one story, planted pairs of quotations that report one utterance)."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    made = 0
    story = 0
    while made < n_articles:
        n_docs = min(per_story, n_articles - made)
        # a story of n articles has about n/3 speakers (2 to 4 in a story of 10), 3 statements each
        n_speakers = max(rng.randint(2, 4), round(n_docs / 3 * rng.uniform(0.7, 1.3)))
        speakers = [(rng.choice(FIRST), rng.choice(LAST) + ("" if n_docs <= 50 else str(k)))
                    for k in range(n_speakers)]
        pool = [(s, vocab.sentence(rng.randint(10, 30))) for s in speakers for _ in range(3)]
        out: list[Quote] = []
        source: list[int | None] = []
        for d in range(n_docs):
            doc = f"s{story}-d{d}.txt"
            at = 0
            for _ in range(quotes):
                if rng.random() < 0.8:
                    u = rng.randrange(len(pool))
                    (first, last), words = pool[u]
                    text, how = _variant_of(rng, words, vocab)
                else:
                    u = None
                    first, last = rng.choice(speakers)
                    text, how = " ".join(vocab.sentence(rng.randint(8, 25))), "own"
                kind = "indirect" if how == "indirect" else ("partial" if len(text.split()) < 8 else "direct")
                out.append(Quote(doc=doc, start=at, end=at + len(text), text=text, kind=kind,  # type: ignore[arg-type]
                                 speaker=_render(rng, first, last)))
                source.append(u)
                at += len(text) + 40
        by_source: dict[int, list[int]] = {}
        for k, u in enumerate(source):
            if u is not None:
                by_source.setdefault(u, []).append(k)
        planted = {
            frozenset(((out[i].doc, out[i].start), (out[j].doc, out[j].start)))
            for ks in by_source.values() for x, i in enumerate(ks) for j in ks[x + 1 :]
            if out[i].doc != out[j].doc
        }
        yield out, planted
        made += n_docs
        story += 1


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--per-story", type=int, default=10)
    ap.add_argument("--quotes", type=int, default=5)
    ap.add_argument("--one-story", type=int, default=0, help="put this many articles into one story instead")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    per_story = args.one_story or args.per_story
    n_articles = args.one_story or args.articles
    n_quotes = n_alignments = found = planted_total = 0
    align_time = align_cpu = 0.0
    rss_first = None
    t0 = time.perf_counter()
    for quotes, planted in stories(n_articles, per_story, args.quotes, args.seed):
        if rss_first is None:
            rss_first = rss_mb()
        t, c = time.perf_counter(), time.process_time()
        alignments = align_quotes(quotes)
        align_time += time.perf_counter() - t
        align_cpu += time.process_time() - c
        n_quotes += len(quotes)
        n_alignments += len(alignments)
        got = {frozenset(((a.a.doc, a.a.start), (a.b.doc, a.b.start))) for a in alignments}
        found += len(got & planted)
        planted_total += len(planted)
    wall = time.perf_counter() - t0
    print(f"articles {n_articles}  stories of {per_story}  quotations {n_quotes}")
    print(f"align: {align_cpu:.1f} s CPU ({n_quotes / align_cpu:,.0f} quotations/s), "
          f"{align_time:.1f} s wall; wall with generation {wall:.1f} s")
    print(f"peak RSS: {rss_first:.0f} MB after the first story, {rss_mb():.0f} MB at the end")
    print(f"planted pairs {planted_total}  found {found} (recall {found / max(1, planted_total):.3f})  "
          f"alignments {n_alignments} (share planted {found / max(1, n_alignments):.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
