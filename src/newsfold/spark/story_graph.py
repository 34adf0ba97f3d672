"""Story clustering on Spark: each segment's graph by Spark joins, the merges on the driver.

`align.stories` clusters a segment of articles in two parts: a graph (features, candidate pairs, the
integer weight vectors: `align.story_features.SegmentGraph`) and the average-linkage merges over it. The
graph is the part that grows with the corpus, and here Spark builds it:

1. **Names** (mapInPandas, then a sum by word): which words the segment writes capitalised more often
   than not, the only corpus-wide fact an article's terms depend on. Broadcast to the workers.
2. **Terms** (mapInPandas): each article's (block, term, count) entries and its MinHash signature, by
   `story_features.article_terms` and `shingles`. Written once: three joins read them.
3. **Weights** (a count by term, a join back, then mapInPandas over each article's entries): document
   frequencies, then `quantised_weights` and `blocking` on each article's own entries.
4. **Neighbours** (a self-join of the blocking entries on the term, a sum by pair, a window by article):
   each article's NEIGHBOURS best matches; no pair without a shared blocking term is ever formed, and a
   term in more than BLOCK_MAX_DF articles is not blocked on, so no join key fans out without limit.
5. **Copies** (MinHash bands: a group by band and bucket, the bucket's pairs, a join with both
   signatures): near-duplicate pairs and their estimated Jaccard.

The driver collects the pairs and the articles' integer vectors and hands them to the local merges. Every
score is an integer sum and every tie broken by position, so the graph equals the one `align.stories`
builds in one process, whatever order the shuffles deliver rows in, and the stories are the same.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from newsfold.align import stories as clustering
from newsfold.align import story_features as features
from newsfold.align.minhash import (
    MinHasher,
    WordHasher,
    band_keys,
    bucket_pairs,
    empty_signatures,
    estimated_jaccard,
)
from newsfold.align.stories import StoryAssignment
from newsfold.models import Article

TEXT_COLUMNS = ["text", "title", "body_start", "body_end"]
TERMS_SCHEMA = "i int, blocks array<int>, terms array<string>, counts array<int>, sig binary"
WEIGHTS_SCHEMA = "i int, block int, gid long, q long, weight long, blocking boolean"


def _analysed(pdf: pd.DataFrame) -> list[str]:
    """Each row's analysed text, as `align.stories.analysed_text` gives it for the article."""
    out = []
    for text, title, start, end in zip(
        pdf["text"], pdf["title"], pdf["body_start"], pdf["body_end"], strict=True
    ):
        title = title if isinstance(title, str) else None
        out.append(
            clustering.analysed_text(Article(doc="", text=text, title=title, body=(int(start), int(end))))
        )
    return out


def case_tally(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Per batch of articles: how often each word is written capitalised and in lower case."""
    for pdf in batches:
        capitalised, lowercase = features.case_counts(_analysed(pdf))
        words = list(capitalised.keys() | lowercase.keys())
        yield pd.DataFrame(
            {"word": words, "cap": [capitalised[w] for w in words], "low": [lowercase[w] for w in words]}
        )


def term_rows(names, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Per article: its entries and its MinHash signature (`names`: the broadcast namelike words)."""
    names_words = names.value
    hasher = WordHasher()
    minhasher = MinHasher(features.NUM_PERM)
    for pdf in batches:
        blocks, terms, counts, shingles = [], [], [], []
        for text in _analysed(pdf):
            b, t, c, tokens = features.article_terms(text, names_words)
            blocks.append(b)
            terms.append(t)
            counts.append(c)
            shingles.append(features.shingles(tokens, hasher))
        sig = minhasher.signatures(shingles)
        yield pd.DataFrame(
            {
                "i": pdf["i"].to_numpy(),
                "blocks": blocks,
                "terms": terms,
                "counts": counts,
                "sig": [row.tobytes() for row in sig],
            }
        )


def weigh(n: int, terms: int, max_df: int, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Per article (its entries' blocks, term numbers, counts and document frequencies, as arrays in the
    article's order): the entries' integer weights, and which it blocks on (`terms`, `max_df`: the
    driver's blocking settings); entries of weight 0 are left out."""
    for pdf in batches:
        if pdf.empty:
            continue
        d = np.repeat(pdf["i"].to_numpy(dtype=np.int64), pdf["block"].map(len).to_numpy())
        b, g, c, f = (
            np.concatenate(pdf[k].to_numpy()).astype(np.int64) for k in ("block", "gid", "count", "df")
        )
        q = features.quantised_weights(d, b, c, f, n)
        mask, weight = features.blocking(d, b, q, f, terms=terms, max_df=max_df)
        keep = q > 0
        yield pd.DataFrame(
            {
                "i": d[keep].astype(np.int32),
                "block": b[keep].astype(np.int32),
                "gid": g[keep],
                "q": q[keep],
                "weight": weight[keep],
                "blocking": mask[keep],
            }
        )


def band_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Per article with shingles: its bucket in each LSH band."""
    for pdf in batches:
        sig = _signatures(pdf["sig"])
        live = ~empty_signatures(sig)
        ids = pdf["i"].to_numpy()[live]
        sig = sig[live]
        for band in range(features.LSH_BANDS):
            key = band_keys(sig, band, features.LSH_BANDS).view(np.int64)
            yield pd.DataFrame({"band": np.full(len(ids), band, dtype=np.int32), "key": key, "i": ids})


def bucket_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Per LSH bucket of two or more articles: the pairs it gives."""
    for pdf in batches:
        parts = [bucket_pairs(np.sort(np.asarray(m, dtype=np.int64))) for m in pdf["members"]]
        if parts:
            p = np.concatenate(parts)
            yield pd.DataFrame({"a": p[:, 0].astype(np.int32), "b": p[:, 1].astype(np.int32)})


def jaccard_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Per candidate pair with both signatures: its estimated Jaccard, kept when a copy."""
    for pdf in batches:
        both = np.concatenate([_signatures(pdf["sig_a"]), _signatures(pdf["sig_b"])])
        k = len(pdf)
        jac = estimated_jaccard(both, np.stack([np.arange(k), np.arange(k, 2 * k)], axis=1))
        keep = jac >= features.COPY_JACCARD
        yield pd.DataFrame({"a": pdf["a"].to_numpy()[keep], "b": pdf["b"].to_numpy()[keep], "j": jac[keep]})


def _signatures(column: pd.Series) -> np.ndarray:
    if len(column) == 0:
        return np.zeros((0, features.NUM_PERM), dtype=np.uint32)
    return np.stack([np.frombuffer(bytes(s), dtype=np.uint32) for s in column])


def segment_graph(spark, texts, n: int, workdir: str | Path) -> features.SegmentGraph:
    """The graph of one segment of `n` articles: `texts` has their position `i` (0 to n - 1) and the
    columns of TEXT_COLUMNS; intermediate tables go under `workdir`."""
    from pyspark.sql import functions as F

    work = Path(workdir)
    sc = spark.sparkContext
    # Read twice (the tally, then the terms): kept from the first read rather than joined again.
    texts = texts.persist()
    tally = texts.mapInPandas(case_tally, "word string, cap long, low long")
    names = [
        r["word"]
        for r in tally.groupBy("word")
        .agg(F.sum("cap").alias("cap"), F.sum("low").alias("low"))
        .where(F.col("cap") > F.col("low"))
        .select("word")
        .toLocalIterator()
    ]
    names_bc = sc.broadcast(frozenset(names))
    del names

    texts.mapInPandas(functools.partial(term_rows, names_bc), TERMS_SCHEMA).write.mode(
        "overwrite"
    ).parquet(str(work / "terms"))
    terms = spark.read.parquet(str(work / "terms"))
    entries = terms.select(
        "i", F.posexplode(F.arrays_zip("blocks", "terms", "counts")).alias("pos", "e")
    ).select(
        "i",
        "pos",
        F.col("e.blocks").alias("block"),
        F.col("e.terms").alias("term"),
        F.col("e.counts").alias("count"),
    )
    # Each term numbered where its count is made: the join below meets every entry of a term in one task,
    # so all of them get the same number, and numbers are unique across partitions.
    df = entries.groupBy("block", "term").agg(F.count(F.lit(1)).alias("df"))
    df = df.withColumn("gid", F.monotonically_increasing_id())
    weighted = (
        entries.join(df, ["block", "term"])
        .groupBy("i")
        # each article's entries as arrays, in its order (sorted by pos, the struct's first field)
        .agg(F.sort_array(F.collect_list(F.struct("pos", "block", "gid", "count", "df"))).alias("e"))
        .select("i", *(F.col(f"e.{k}").alias(k) for k in ("block", "gid", "count", "df")))
        .mapInPandas(functools.partial(weigh, n, features.BLOCK_TERMS, features.BLOCK_MAX_DF), WEIGHTS_SCHEMA)
    )
    # Three independent jobs from driver threads: Spark runs them side by side, so their start-up costs
    # overlap instead of adding up.
    with ThreadPoolExecutor(max_workers=3) as pool:
        copies = pool.submit(_copies, terms.select("i", "sig"))
        weighted.write.mode("overwrite").parquet(str(work / "weights"))
        weights = spark.read.parquet(str(work / "weights"))
        near = pool.submit(_neighbours, weights)
        vectors = pool.submit(_vectors, weights, n)
        copy_pairs, copy_j = copies.result()
        graph = features.graph_of(near.result(), copy_pairs, copy_j, vectors.result())
    names_bc.unpersist()
    texts.unpersist()
    return graph


def _neighbours(weights) -> np.ndarray:
    """Each article's NEIGHBOURS best matches: the blocking entries joined on their term, scores summed
    by pair, ranked by a window per article (ties to the lower index)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    blocking = weights.where("blocking").select("i", "gid", "weight", "q")
    left = blocking.select(F.col("i").alias("a"), "gid", "weight")
    right = blocking.select(F.col("i").alias("b"), "gid", "q")
    scored = (
        left.join(right, "gid")
        .where(F.col("a") != F.col("b"))
        .groupBy("a", "b")
        .agg(F.sum(F.col("weight") * F.col("q")).alias("score"))
    )
    best = Window.partitionBy("a").orderBy(F.col("score").desc(), F.col("b").asc())
    near = (
        scored.withColumn("rank", F.row_number().over(best))
        .where(F.col("rank") <= features.NEIGHBOURS)
        .select(F.least("a", "b").alias("x"), F.greatest("a", "b").alias("y"))
        .distinct()
    )
    return _pairs(near.toPandas(), "x", "y")  # in any order: `graph_of` sorts them


def _copies(sigs) -> tuple[np.ndarray, np.ndarray]:
    """Near-duplicate pairs and their estimated Jaccard: MinHash buckets grouped by band and key, each
    bucket's pairs, then both signatures joined to each pair."""
    from pyspark.sql import functions as F

    buckets = (
        sigs.mapInPandas(band_rows, "band int, key long, i int")
        .groupBy("band", "key")
        .agg(F.collect_list("i").alias("members"))
        .where(F.size("members") > 1)
        .select("members")
    )
    candidates = buckets.mapInPandas(bucket_rows, "a int, b int").distinct()
    copies = (
        candidates.join(sigs.select(F.col("i").alias("a"), F.col("sig").alias("sig_a")), "a")
        .join(sigs.select(F.col("i").alias("b"), F.col("sig").alias("sig_b")), "b")
        .select("a", "b", "sig_a", "sig_b")
        .mapInPandas(jaccard_rows, "a int, b int, j double")
        .toPandas()
    )
    return _pairs(copies, "a", "b"), copies["j"].to_numpy(dtype=float)


def _vectors(weights, n: int) -> list:
    """The articles' integer weight vectors, one sparse matrix per block, terms numbered afresh."""
    v = weights.select("i", "block", "gid", "q").toPandas()
    gid = np.unique(v["gid"].to_numpy(), return_inverse=True)[1].astype(np.int64)
    return features.block_matrices(
        v["i"].to_numpy(dtype=np.int64),
        v["block"].to_numpy(dtype=np.int64),
        gid,
        v["q"].to_numpy(dtype=np.int64),
        n,
    )


def _pairs(pdf: pd.DataFrame, a: str, b: str) -> np.ndarray:
    """Pairs from two columns, in their rows' order."""
    return np.stack([pdf[a].to_numpy(dtype=np.int64), pdf[b].to_numpy(dtype=np.int64)], axis=1).reshape(-1, 2)


def assign_stories(spark, ok, kept: Sequence[Any], workdir: str | Path) -> dict[str, StoryAssignment]:
    """The clustering's assignment of every kept article (`kept`: rows with their place, doc and date, in
    input order), as `align.stories.cluster_articles` makes it over the same articles: the articles in the
    order it puts them in, each segment's graph by `segment_graph`, the merges on the driver. The driver
    holds small values per article and one segment's graph, never the text."""
    from pyspark.sql import functions as F

    work = Path(workdir)
    n = len(kept)
    order = clustering.date_order([r["date"] for r in kept]) if n > clustering.SEGMENT else list(range(n))
    ranks = spark.createDataFrame(
        [(kept[i]["file_ord"], kept[i]["pos"], rank) for rank, i in enumerate(order)],
        "file_ord int, pos long, rank long",
    )
    if n <= clustering.SEGMENT:  # one segment: its texts are read twice, straight from the analysed table
        ranked = ok.join(F.broadcast(ranks), ["file_ord", "pos"]).select("rank", *TEXT_COLUMNS)
    else:  # read once a segment: written once, in rank order, so that each read is a range
        ok.join(ranks, ["file_ord", "pos"]).select("rank", *TEXT_COLUMNS).orderBy("rank").write.mode(
            "overwrite"
        ).parquet(str(work / "ranked"))
        ranked = spark.read.parquet(str(work / "ranked"))
    # Stand-ins without text: the merges read only docs and dates, the graph comes from Spark.
    articles = [Article(doc=kept[i]["doc"], text="", date=kept[i]["date"]) for i in order]
    rank_of = {a.doc: rank for rank, a in enumerate(articles)}

    def graph(segment: Sequence[Article]) -> features.SegmentGraph:
        ranks = [rank_of[a.doc] for a in segment]
        if ranks == list(range(n)):
            texts = ranked.withColumnRenamed("rank", "i")
        else:
            place = spark.createDataFrame(list(enumerate(ranks)), "i int, rank long")
            # The range first: Parquet skips the row groups outside it (the table is in rank order).
            texts = (
                ranked.where(F.col("rank").between(min(ranks), max(ranks)))
                .join(F.broadcast(place), "rank")
                .drop("rank")
            )
        return segment_graph(
            spark,
            texts.select(F.col("i").cast("int").alias("i"), *TEXT_COLUMNS),
            len(segment),
            work / "graph",
        )

    out: dict[str, StoryAssignment] = {}
    for story in clustering.stream_stories(articles, graph=graph):
        for _, assignment in story:
            out[assignment.doc] = assignment
    return out
