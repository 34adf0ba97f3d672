"""The Spark job: `newsfold story` over a corpus, in three stages, with the library doing every decision.

1. **Read and analyse** (mapInPandas): files are read on the workers by `newsfold.ingest`, then each
   partition of articles goes through `newsfold.story.analyse_chunk` (quotations, speakers, claims), the
   spaCy model loaded once per Python worker. The result is written once (`stages/analysed/`), so the
   parse, which is nearly all of the cost, never runs twice whatever the later stages read.
2. **Stories**: `spark.story_graph`. Each segment's graph of candidate pairs is built by Spark joins
   over blocked candidates (articles that share a blocking term, and MinHash buckets), never all pairs;
   the driver runs the average-linkage merges of `align.stories` over it. The graph is defined in exact
   integer arithmetic, so it is the one the local clustering builds, and the stories are the same. The
   driver holds a few small values per article and one segment's graph, never the text.
3. **Fold** (join on doc, partitioned and sorted by story, mapInPandas): each story goes to one worker,
   which runs `align.fold.fold_story` and `report.brief.add_brief` on it, and writes its records as
   `report.records.story_records` does. Quotation alignment and claim matching compare only within a
   story: the story is the block, so no pair across stories is ever looked at.

Output under DIR: Parquet tables `articles/`, `quotes/`, `alignments/`, `claims/`, `stories/`, and
`records.jsonl`: every story's records as `newsfold story` writes them, stories in its order (most
articles first, then by id).
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfold.errors import Failure, NewsfoldError
from newsfold.spark.inputs import PARQUET_COLUMNS, plan_inputs
from newsfold.spark.rows import ANALYSED_SCHEMA, READ_SCHEMA
from newsfold.spark.stages import FOLDED_SCHEMA, analyse, fold, read_and_analyse, read_parquet, read_tasks
from newsfold.spark.story_graph import assign_stories

TABLES = ("articles", "quotes", "alignments", "claims", "stories")


@dataclass
class JobResult:
    """What a run did: counts (`repeated`: articles left out as a second copy of a doc already read),
    the failures met (each reported on one line), WARC record counts, the
    peak resident memory of each Python worker that analysed articles, the CPU seconds the analysis took
    in all workers together, and wall-clock seconds per stage."""

    articles: int = 0
    stories: int = 0
    records: int = 0
    failures: list[Failure] = field(default_factory=list)
    warc: dict[str, int] = field(default_factory=dict)
    worker_rss_kb: dict[int, int] = field(default_factory=dict)
    analyse_cpu_s: float = 0.0
    repeated: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _read(spark, plan, partitions: int):
    """The read stage: one DataFrame of READ_SCHEMA rows for every planned file and Parquet source."""
    from pyspark.sql import functions as F

    frames = []
    if plan.files:
        # One task per file up to `partitions` tasks; a file's articles are spread over the analysis tasks.
        frames.append(_file_tasks(spark, plan.files, partitions).mapInPandas(read_tasks, READ_SCHEMA))
    if plan.parquet:
        df = spark.read.parquet(*plan.parquet)
        cols = [F.col(c).cast("string").alias(c) for c in PARQUET_COLUMNS if c in df.columns]
        df = df.select(
            *cols, F.input_file_name().alias("_file"), F.monotonically_increasing_id().alias("_pos")
        )
        # Parquet files come after the other files, in name order; rows keep their order within a file.
        names = sorted(r[0] for r in df.select("_file").distinct().collect())
        order = spark.createDataFrame(
            [(n, len(plan.files) + i) for i, n in enumerate(names)], "_file string, _ord int"
        )
        frames.append(df.join(F.broadcast(order), "_file").mapInPandas(read_parquet, READ_SCHEMA))
    if not frames:
        return spark.createDataFrame([], READ_SCHEMA)
    out = frames[0]
    for f in frames[1:]:
        out = out.unionByName(f)
    return out


def _balanced(files: list[str], partitions: int) -> list[tuple[int, str]]:
    """(file_ord, path) tasks ordered so that parallelize's contiguous slices carry about equal bytes.

    Files keep their place in the input through file_ord, so the order they are analysed in does not
    matter; sizes vary tenfold in a news corpus, and a slice of long articles would otherwise leave the
    other cores idle at the end of the stage."""
    n = len(files)
    bounds = [i * n // partitions for i in range(partitions + 1)]  # how parallelize slices a list
    room = [bounds[i + 1] - bounds[i] for i in range(partitions)]
    slices: list[list[tuple[int, str]]] = [[] for _ in range(partitions)]

    def size(path: str) -> int:
        try:
            return os.path.getsize(path)
        except OSError:
            return 0

    sizes = [size(f) for f in files]
    # Largest first, each to the slice with the fewest bytes that still has room.
    heap = [(0, i) for i in range(partitions) if room[i]]
    for k in sorted(range(n), key=lambda k: -sizes[k]):
        load, i = heapq.heappop(heap)
        slices[i].append((k, files[k]))
        if len(slices[i]) < room[i]:
            heapq.heappush(heap, (load + sizes[k], i))
    return [task for s in slices for task in s]


def _file_tasks(spark, files: list[str], partitions: int):
    """A DataFrame (file_ord, path) of one task row per file, spread over up to `partitions` partitions
    of about equal bytes (`_balanced`)."""
    k = min(len(files), partitions)
    return spark.createDataFrame(
        spark.sparkContext.parallelize(_balanced(files, k), k), "file_ord int, path string"
    )


def _one_article(path: str) -> bool:
    """Whether a planned file holds a single article (a text or HTML page, not a JSONL, index or WARC)."""
    return path.lower().endswith((".txt", ".text", ".html", ".htm"))


def _failures(plan_failures: list[Failure], rows) -> list[Failure]:
    out = list(plan_failures)
    for r in rows:
        out.append(Failure(r["failed_source"], NewsfoldError(r["code"], r["failed_source"], r["detail"])))
    return out


def run_job(
    spark, inputs: Sequence[str], output: str | Path, *, regroup: bool = False, partitions: int | None = None
) -> JobResult:
    """Run the three stages over `inputs` and write the tables and records.jsonl under `output`.

    `partitions` is how many tasks the analysis is split into (default: four per core Spark has).
    `regroup` clusters even when an article index gives every article a story, as `newsfold story` does.
    """
    from pyspark.sql import functions as F

    from newsfold.story import stories_and_copies

    result = JobResult()
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    partitions = partitions or max(1, spark.sparkContext.defaultParallelism * 4)

    # Stage 1: read and analyse, written once.
    t0 = time.perf_counter()
    plan = plan_inputs(list(inputs))
    analysed_path = str(out / "stages" / "analysed")
    if not plan.parquet and len(plan.files) >= 2 * partitions and all(map(_one_article, plan.files)):
        # Many files of one article each spread evenly over the tasks as they are: each task reads its
        # files and analyses them in one Python worker, sparing a shuffle of every article's text.
        staged = _file_tasks(spark, plan.files, partitions).mapInPandas(read_and_analyse, ANALYSED_SCHEMA)
    else:
        # A JSONL, WARC or Parquet source: its articles are spread over all tasks first.
        staged = _read(spark, plan, partitions).repartition(partitions).mapInPandas(analyse, ANALYSED_SCHEMA)
    staged.write.mode("overwrite").parquet(analysed_path)
    analysed = spark.read.parquet(analysed_path)
    result.seconds["analyse"] = time.perf_counter() - t0

    notes = sorted(
        analysed.where(F.col("code").isNotNull() | F.col("stats").isNotNull())
        .select("file_ord", "pos", "code", "failed_source", "detail", "stats")
        .collect(),
        key=lambda r: (r["file_ord"], r["pos"]),
    )
    result.failures = _failures(plan.failures, [r for r in notes if r["code"] is not None])
    stats = [r["stats"] for r in notes if r["stats"] is not None]
    if stats:
        totals = [sum(s[i] for s in stats) for i in range(4)]
        result.warc = dict(zip(("records", "articles", "skipped", "corrupt"), totals, strict=True))
    for r in (
        analysed.where(F.col("worker_pid").isNotNull())
        .groupBy("worker_pid")
        .agg(F.max("worker_rss_kb").alias("kb"), F.sum("cpu_s").alias("cpu"))
        .collect()
    ):
        result.worker_rss_kb[int(r["worker_pid"])] = int(r["kb"])
        result.analyse_cpu_s += float(r["cpu"] or 0.0)

    # Stage 2: stories: each segment's graph by Spark joins, the merges on the driver (spark.story_graph).
    t0 = time.perf_counter()
    # n_quotes is set exactly when found is: a small column to filter on, where found holds every
    # article's pickled findings and would be read in full by each stage that only wants the text.
    ok = analysed.where(F.col("n_quotes").isNotNull())
    # A crawl holds the same page twice (CC-NEWS re-crawls URLs): the first copy of a doc is kept, so
    # each doc is one article of one story. Only places, docs, dates and index stories come to the
    # driver, put in input order here rather than by a Spark sort.
    rows = sorted(
        ok.select("file_ord", "pos", "doc", "date", "index_story").toLocalIterator(prefetchPartitions=True),
        key=lambda r: (r["file_ord"], r["pos"]),
    )
    kept, seen, repeated = [], set(), []
    for r in rows:
        if r["doc"] in seen:
            repeated.append((r["file_ord"], r["pos"]))
        else:
            seen.add(r["doc"])
            kept.append(r)
    del seen, rows
    if repeated:
        dropped = spark.createDataFrame(repeated, "file_ord int, pos long")
        ok = ok.join(F.broadcast(dropped), ["file_ord", "pos"], "left_anti")
    result.repeated = len(repeated)
    result.articles = len(kept)
    assigned = assign_stories(spark, ok, kept, out / "stages" / "stories")
    docs = [(r["doc"], r["index_story"]) for r in kept]
    groups, copies = stories_and_copies(docs, assigned, regroup=regroup)
    del kept, assigned, docs
    assignments = [(doc, sid, copies.get(doc), len(docs)) for sid, docs in groups.items() for doc in docs]
    assign = spark.createDataFrame(assignments, "doc string, story string, copy_of string, n_articles int")
    result.stories = len(groups)
    result.seconds["stories"] = time.perf_counter() - t0

    # Stage 3: fold each story where its rows are.
    t0 = time.perf_counter()
    folded_path = str(out / "stages" / "folded")
    # Every row of a story in one partition, stories one after another: a few partitions a core (each
    # task costs a Python round trip), more as the corpus grows.
    fold_partitions = max(2 * spark.sparkContext.defaultParallelism, result.articles // 5000, 1)
    ok.join(assign.drop("n_articles"), "doc").repartition(fold_partitions, "story").sortWithinPartitions(
        "story"
    ).mapInPandas(fold, FOLDED_SCHEMA).write.mode("overwrite").parquet(folded_path)
    folded = spark.read.parquet(folded_path)
    result.seconds["fold"] = time.perf_counter() - t0

    # Tables and records.jsonl.
    t0 = time.perf_counter()
    # Each table is a small Spark job of its own: run side by side from driver threads (Spark schedules
    # jobs from several threads at once), they fill the cores that one at a time would leave idle.
    with ThreadPoolExecutor(max_workers=len(TABLES) + 1) as pool:
        writes = [pool.submit(df.write.mode("overwrite").parquet, str(out / name))
                  for name, df in _tables(ok, assign, folded)]
        records = pool.submit(_write_records, folded, out / "records.jsonl")
        for w in writes:
            w.result()
        result.records = records.result()
    result.seconds["write"] = time.perf_counter() - t0
    (out / "summary.json").write_text(
        json.dumps(
            {
                "articles": result.articles,
                "stories": result.stories,
                "records": result.records,
                "failures": len(result.failures),
                "warc": result.warc,
                "seconds": result.seconds,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return result


def _tables(ok, assign, folded) -> list[tuple[str, Any]]:
    """The output tables, by name, as DataFrames to write."""
    from pyspark.sql import functions as F

    tables: list[tuple[str, Any]] = []

    def save(df, name: str) -> None:
        tables.append((name, df))

    save(
        ok.join(assign, "doc", "left")
        .select(
            "doc",
            "story",
            "copy_of",
            "source",
            "outlet",
            "title",
            "date",
            "author",
            "url",
            "encoding",
            "body_start",
            "body_end",
            "n_quotes",
            "n_claims",
            "text",
        )
        .sortWithinPartitions("doc"),
        "articles",
    )
    by_place = ["story", "doc", "start", "end"]
    save(
        folded.where("type = 'quote'")
        .select("story", "doc", "start", "end", F.col("label").alias("kind"), "speaker", "text", "record")
        .sortWithinPartitions(by_place),
        "quotes",
    )
    save(
        folded.where("type = 'alignment'")
        .select(
            "story",
            F.col("doc").alias("a_doc"),
            F.col("start").alias("a_start"),
            F.col("end").alias("a_end"),
            F.col("other_doc").alias("b_doc"),
            F.col("other_start").alias("b_start"),
            F.col("other_end").alias("b_end"),
            F.col("label").alias("relation"),
            "speaker",
            "record",
        )
        .sortWithinPartitions("story", "seq"),
        "alignments",
    )
    save(
        folded.where("type = 'claim'")
        .select("story", F.col("label").alias("status"), "text", "record")
        .sortWithinPartitions("story", "seq"),
        "claims",
    )
    save(
        folded.where("type = 'story'")
        .select("story", "n_articles", F.col("text").alias("title"), F.col("record").alias("story_json"))
        .sortWithinPartitions(F.col("n_articles").desc(), "story"),
        "stories",
    )
    return tables


def _write_records(folded, path: Path) -> int:
    """records.jsonl: stories most articles first, then by id (as `newsfold story` orders them), each
    story's records in the order `report.records` gives them; streamed, so the driver holds one partition."""
    from pyspark.sql import functions as F

    rows = (
        folded.where("type != 'story'").orderBy(F.col("n_articles").desc(), "story", "seq").select("record")
    )
    n = 0
    tmp = path.with_suffix(".jsonl.part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in rows.toLocalIterator(prefetchPartitions=True):
            fh.write(row["record"] + "\n")
            n += 1
    tmp.replace(path)
    return n


def clean_intermediate(output: str | Path) -> None:
    """Remove the stage outputs the tables were made from (`stages/`)."""
    shutil.rmtree(Path(output) / "stages", ignore_errors=True)
