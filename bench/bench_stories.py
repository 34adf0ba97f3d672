"""Story clustering: newsfold against a TF-IDF + average-linkage baseline, and a scaling run.

    python bench/bench_stories.py [--corpus DIR ...] [--synthetic N] [--threshold T]

For each corpus directory (articles.jsonl with doc, story, outlet, title, date; <doc> text files; default:
the three dev corpora newswcl50, ECB+ and allsides-dev) prints B-cubed precision/recall/F1 of
`newsfold.align.stories.cluster_articles`, again with the dates dropped when the corpus has any (allsides-dev
dates are story dates, which nearly name the story), and of the baseline: TF-IDF (sublinear tf, English stop
words) with scikit-learn average-linkage agglomerative clustering on cosine distance, at distance 0.8 and at
its best distance on that corpus (an oracle choice that favours the baseline). A table of the F1s ends.

--synthetic N generates N articles (random words from a Zipfian vocabulary; planted stories of 2-20 articles
sharing topic words and names; some exact or trimmed copies; dates spread over a year), clusters them and
prints wall time, peak memory (resource maxrss, before and after) and B-cubed against the planted stories.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsfold.align.stories import DEFAULT_THRESHOLD, bcubed, cluster_articles  # noqa: E402
from newsfold.models import Article  # noqa: E402

_SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# The dev corpora the one setting is chosen on (never the held-out halves).
DEFAULT_CORPORA = [str(_SHARED / "newswcl50"), str(_SHARED / "ecbplus"), str(_SHARED / "allsides-dev")]


def load_corpus(directory: str) -> list[Article]:
    out = []
    with open(os.path.join(directory, "articles.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            with open(os.path.join(directory, r["doc"]), encoding="utf-8") as t:
                text = t.read()
            out.append(Article(doc=r["doc"], text=text, title=r.get("title"), date=r.get("date"),
                               outlet=r.get("outlet"), url=r.get("url"), story=str(r["story"])))
    return out


def baseline(articles: list[Article], distances: list[float]) -> dict[float, dict[str, int]]:
    """TF-IDF + average-linkage agglomerative clustering on cosine distance, for each distance threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([a.text for a in articles])
    dense = x.toarray()
    out = {}
    for d in distances:
        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=d).fit_predict(dense)
        out[d] = {a.doc: int(lab) for a, lab in zip(articles, labels, strict=True)}
    return out


def fmt(prf: tuple[float, float, float]) -> str:
    return "P={:.3f} R={:.3f} F1={:.3f}".format(*prf)


def run_corpus(directory: str, threshold: float) -> dict[str, float]:
    """Print the corpus's scores; return the F1s by system."""
    articles = load_corpus(directory)
    gold = {a.doc: a.story or a.doc for a in articles}
    n_stories = len(set(gold.values()))
    print(f"== {directory}: {len(articles)} articles, {n_stories} stories")
    f1 = {}
    runs = [("newsfold", articles)]
    if any(a.date for a in articles):
        runs.append(("newsfold, dates dropped", [replace(a, date=None) for a in articles]))
    for name, arts in runs:
        t0 = time.perf_counter()
        res = cluster_articles(arts, threshold=threshold)
        dt = time.perf_counter() - t0
        pred = {r.doc: r.story for r in res}
        copies = sum(r.copy_of is not None for r in res)
        prf = bcubed(pred, gold)
        f1[name] = prf[2]
        print(f"{name} (threshold {threshold}): {fmt(prf)}  "
              f"[{len(set(pred.values()))} stories, {copies} copies, {dt:.2f}s]")
    distances = [round(d, 2) for d in np.arange(0.5, 0.96, 0.05)]
    scores = {d: bcubed(p, gold) for d, p in baseline(articles, distances).items()}
    print(f"baseline tfidf+average-linkage @0.80: {fmt(scores[0.8])}")
    best = max(scores, key=lambda d: scores[d][2])
    print(f"baseline tfidf+average-linkage best @{best:.2f}: {fmt(scores[best])}")
    f1["baseline @0.80"] = scores[0.8][2]
    f1["baseline best"] = scores[best][2]
    return f1


# --- synthetic corpus ------------------------------------------------------------------------------------

_SYLLABLES = ("ka ri to ne mu sa le po vi da ro ma te lu ni ko be ha si go ra zu fe mo li "
              "an el ir os un ar en is or ul").split()


def _pseudo_words(rng: np.random.Generator, n: int, lo: int, hi: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        k = int(rng.integers(lo, hi + 1))
        w = "".join(_SYLLABLES[i] for i in rng.integers(0, len(_SYLLABLES), k))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def compose(rng: np.random.Generator, kind: np.ndarray, words: np.ndarray, topic: np.ndarray,
            people: list[str], where: list[str]) -> str:
    """An article's text from its background `words`: by `kind` (one draw per word), 15% of them become
    topic words, 4% people (whole name or surname), 2% places; cut into sentences and paragraphs."""
    length = len(words)
    t = kind < 0.15
    words[t] = topic[rng.integers(0, len(topic), int(t.sum()))]
    t = (kind >= 0.15) & (kind < 0.19)
    words[t] = [people[i] if rng.random() < 0.5 else people[i].split()[-1]
                for i in rng.integers(0, len(people), int(t.sum()))]
    t = (kind >= 0.19) & (kind < 0.21)
    words[t] = [where[i] for i in rng.integers(0, len(where), int(t.sum()))]
    cuts = np.cumsum(rng.integers(8, 20, length // 8))
    cuts = cuts[cuts < length].tolist()
    sentences = [" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, length], strict=True)]
    sentences = [x[0].upper() + x[1:] + "." for x in sentences if x]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def synthetic(n: int, seed: int = 7) -> list[Article]:
    rng = np.random.default_rng(seed)
    vocab = np.array(_pseudo_words(rng, 30_000, 2, 4))
    zipf = 1.0 / np.arange(1, len(vocab) + 1)
    zipf /= zipf.sum()
    firsts = [w.capitalize() for w in _pseudo_words(rng, 3_000, 2, 3)]
    lasts = [w.capitalize() for w in _pseudo_words(rng, 20_000, 2, 4)]
    places = [w.capitalize() for w in _pseudo_words(rng, 5_000, 2, 4)]
    start = np.datetime64("2023-01-01")
    articles: list[Article] = []
    story = 0
    # Background words for everything at once (cheap), consumed article by article.
    background = iter(rng.choice(len(vocab), size=n * 320, p=zipf).tolist())
    while len(articles) < n:
        size = min(int(rng.integers(2, 21)), n - len(articles))
        topic = vocab[rng.integers(300, len(vocab), 25)]
        people = [f"{firsts[rng.integers(len(firsts))]} {lasts[rng.integers(len(lasts))]}"
                  for _ in range(int(rng.integers(2, 4)))]
        where = [places[rng.integers(len(places))] for _ in range(int(rng.integers(1, 3)))]
        day0 = int(rng.integers(0, 365))
        texts: list[str] = []
        for k in range(size):
            doc = f"syn-{len(articles):06d}.txt"
            date = str(start + day0 + int(rng.integers(0, 4)))
            if texts and rng.random() < 0.1:
                text = texts[int(rng.integers(len(texts)))]
                if rng.random() < 0.5:  # a trimmed copy: last paragraph dropped
                    text = text.rsplit("\n\n", 1)[0]
            else:
                length = int(rng.integers(120, 320))
                kind = rng.random(length)
                words = vocab[[next(background) for _ in range(length)]].astype(object)
                text = compose(rng, kind, words, topic, people, where)
            texts.append(text)
            outlet = f"outlet{k % 40}"
            articles.append(Article(doc=doc, text=text, date=date, outlet=outlet, story=str(story)))
        story += 1
    return articles


def _current_rss_mib() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def run_synthetic(n: int, threshold: float) -> None:
    t0 = time.perf_counter()
    articles = synthetic(n)
    gen = time.perf_counter() - t0
    peak0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss0 = _current_rss_mib()
    print(f"== synthetic: {n} articles, {len({a.story for a in articles})} planted stories "
          f"(generated in {gen:.1f}s; RSS with the corpus loaded {rss0:.0f} MiB, "
          f"peak so far {peak0:.0f} MiB)")
    t0 = time.perf_counter()
    res = cluster_articles(articles, threshold=threshold)
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gold = {a.doc: str(a.story) for a in articles}
    pred = {r.doc: r.story for r in res}
    copies = sum(r.copy_of is not None for r in res)
    grew = "did not rise" if rss1 <= peak0 else f"rose to {rss1:.0f} MiB"
    print(f"newsfold: {dt:.1f}s, peak RSS {grew} during clustering (loaded corpus {rss0:.0f} MiB), "
          f"{len(set(pred.values()))} stories, {copies} copies, {fmt(bcubed(pred, gold))}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="*", default=None,
                    help="corpus directories (default: the shared dev corpora newswcl50, ECB+, allsides-dev)")
    ap.add_argument("--synthetic", type=int, default=0, help="also time clustering of N synthetic articles")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = ap.parse_args(argv)
    corpora = args.corpus if args.corpus is not None else ([] if args.synthetic else DEFAULT_CORPORA)
    table: dict[str, dict[str, float]] = {}
    for c in corpora:
        if os.path.exists(os.path.join(c, "articles.jsonl")):
            table[os.path.basename(os.path.normpath(c))] = run_corpus(c, args.threshold)
        else:
            print(f"== {c}: no articles.jsonl, skipped")
    if table:
        systems = list(dict.fromkeys(k for row in table.values() for k in row))
        print("\nB-cubed F1 | " + " | ".join(systems))
        for corpus, row in table.items():
            print(f"{corpus} | " + " | ".join(f"{row[k]:.3f}" if k in row else "-" for k in systems))
    if args.synthetic:
        run_synthetic(args.synthetic, args.threshold)


if __name__ == "__main__":
    main()
