"""The functions Spark runs on its Python workers: reading, analysis, and folding, each the library's own.

* `read_tasks` (mapInPandas over file tasks): `spark.inputs.file_rows`, i.e. `newsfold.ingest`'s readers;
* `read_parquet` (mapInPandas over Parquet rows): each row read as a JSONL article is;
* `analyse` (mapInPandas over articles): `newsfold.story.analyse_chunk`, the function `newsfold story`
  runs on each of its worker processes, in chunks of the same size. It loads the spaCy pipeline through
  `newsfold.pipeline._model`, a module-level lazy global, so each Python worker loads it once and keeps it
  for every task Spark gives it (`spark.python.worker.reuse`, on by default); it is never pickled;
* `fold` (mapInPandas over partitions sorted by story): `align.fold.fold_story` and
  `report.brief.add_brief`, then the records `report.records.story_records` writes and the story
  `report.json.story_to_dict` describes.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from typing import Any

import pandas as pd

from newsfold.errors import Failure
from newsfold.spark.rows import (
    ANALYSED_SCHEMA,
    READ_SCHEMA,
    dump_found,
    failure_row,
    load_found,
    row_article,
)

#: articles per call of `analyse_chunk`: the chunk `newsfold story` hands each worker process
ANALYSE_CHUNK = 8
#: rows per pandas frame handed back to Spark: small, since rows carry whole articles
OUT_ROWS = 64

FOLDED_SCHEMA = (
    "story string, n_articles int, seq int, type string, doc string, start int, end int, other_doc string, "
    "other_start int, other_end int, label string, speaker string, text string, record string"
)


def _names(schema: str) -> list[str]:
    names, depth, current = [], 0, ""
    for ch in schema:
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            names.append(current.strip().split(" ")[0])
            current = ""
        else:
            current += ch
    names.append(current.strip().split(" ")[0])
    return names


READ_COLUMNS = _names(READ_SCHEMA)
ANALYSED_COLUMNS = _names(ANALYSED_SCHEMA)
FOLDED_COLUMNS = _names(FOLDED_SCHEMA)


def _frames(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[pd.DataFrame]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= OUT_ROWS:
            yield pd.DataFrame(batch, columns=columns)
            batch = []
    if batch:
        yield pd.DataFrame(batch, columns=columns)


def _records(pdf: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for rec in pdf.to_dict("records"):
        yield {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}


# --- stage 1: read and analyse -------------------------------------------------------------------


def read_tasks(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """File tasks (file_ord, path) in, one READ_SCHEMA row per article, failure or WARC stats out."""
    from newsfold.spark.inputs import file_rows

    def rows() -> Iterator[dict[str, Any]]:
        for pdf in batches:
            for task in _records(pdf):
                yield from file_rows(task["path"], int(task["file_ord"]))

    yield from _frames(rows(), READ_COLUMNS)


def read_parquet(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Parquet rows (article columns, `_file`, `_ord`, `_pos`) in, READ_SCHEMA rows out."""
    from newsfold.errors import NewsfoldError
    from newsfold.spark.inputs import PARQUET_COLUMNS, parquet_article
    from newsfold.spark.rows import article_row

    def rows() -> Iterator[dict[str, Any]]:
        for pdf in batches:
            for rec in _records(pdf):
                place = (int(rec["_ord"]), int(rec["_pos"]))
                record = {k: rec[k] for k in PARQUET_COLUMNS if k in rec}
                try:
                    yield article_row(parquet_article(record, rec["_file"]), *place)
                except NewsfoldError as err:
                    yield failure_row(Failure(err.source, err), *place)

    yield from _frames(rows(), READ_COLUMNS)


def _worker_rss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def _analysed(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Analyse one chunk of article rows with the library; rows out in the same places."""
    from newsfold.story import analyse_chunk

    articles = [row_article(r) for r in rows]
    cpu = time.process_time()
    results = analyse_chunk(articles)
    # CPU seconds of this chunk, shared among its articles: summed over a job, the analysis's CPU time,
    # which tells a slow run on a busy machine from a run that does not use its cores
    cpu = (time.process_time() - cpu) / len(rows)
    pid, rss = os.getpid(), _worker_rss_kb()
    # analyse_chunk gives one result per article, in order, then the claim failures of the chunk
    for row, result in zip(rows, results[: len(rows)], strict=True):
        if isinstance(result, Failure):
            out = failure_row(result, row["file_ord"], row["pos"])
            out.update(found=None, n_quotes=None, n_claims=None)
        else:
            out = dict(row)
            out.update(
                found=dump_found(result.extraction, result.claims),
                n_quotes=len(result.extraction.quotes),
                n_claims=len(result.claims),
            )
        out.update(worker_pid=pid, worker_rss_kb=rss, cpu_s=cpu)
        yield out
    place = {r["doc"]: (r["file_ord"], r["pos"]) for r in rows}
    for failure in results[len(rows) :]:
        out = failure_row(failure, *place.get(failure.source, (rows[-1]["file_ord"], rows[-1]["pos"])))
        out.update(found=None, n_quotes=None, n_claims=None, worker_pid=pid, worker_rss_kb=rss, cpu_s=0.0)
        yield out


def read_and_analyse(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """File tasks in, ANALYSED_SCHEMA rows out: `read_tasks` and `analyse` in one Python worker."""
    yield from analyse(read_tasks(batches))


def analyse(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """READ_SCHEMA rows in, ANALYSED_SCHEMA rows out: articles analysed, failures and stats passed on."""

    def rows() -> Iterator[dict[str, Any]]:
        chunk: list[dict[str, Any]] = []
        for pdf in batches:
            for rec in _records(pdf):
                if rec["doc"] is None or rec["code"] is not None:
                    yield {
                        **rec,
                        "found": None,
                        "n_quotes": None,
                        "n_claims": None,
                        "worker_pid": None,
                        "worker_rss_kb": None,
                        "cpu_s": None,
                    }
                    continue
                chunk.append(rec)
                if len(chunk) >= ANALYSE_CHUNK:
                    yield from _analysed(chunk)
                    chunk = []
        if chunk:
            yield from _analysed(chunk)

    yield from _frames(rows(), ANALYSED_COLUMNS)


# --- stage 3: fold each story ---------------------------------------------------------------------


def _record_row(story: str, n: int, seq: int, record: dict[str, Any]) -> dict[str, Any]:
    row = dict.fromkeys(FOLDED_COLUMNS)
    row.update(
        story=story, n_articles=n, seq=seq, type=record["type"], record=json.dumps(record, ensure_ascii=False)
    )
    kind = record["type"]
    if kind == "quote":
        row.update(
            doc=record["doc"],
            start=record["start"],
            end=record["end"],
            label=record["kind"],
            speaker=record.get("speaker"),
            text=record["text"],
        )
    elif kind == "alignment":
        a, b = record["a"], record["b"]
        row.update(
            doc=a["doc"],
            start=a["start"],
            end=a["end"],
            other_doc=b["doc"],
            other_start=b["start"],
            other_end=b["end"],
            label=record["relation"],
            speaker=record.get("speaker"),
        )
    elif kind == "claim":
        row.update(label=record["status"], text=record.get("text"))
    return row


def fold_rows(story_id: str, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Fold one story's analysed rows as `newsfold story` folds a story; its records and itself as rows."""
    from newsfold.align.fold import fold_story
    from newsfold.report.brief import add_brief
    from newsfold.report.json import story_to_dict
    from newsfold.report.records import story_records

    rows = sorted(rows, key=lambda r: (r["file_ord"], r["pos"]))  # the order the local command reads them
    extractions, claims = [], {}
    for r in rows:
        extraction, mentions = load_found(row_article(r), r["found"])
        extractions.append(extraction)
        claims[extraction.article.doc] = mentions
    copies = {r["doc"]: r["copy_of"] for r in rows if r.get("copy_of")}
    story = add_brief(fold_story(story_id, extractions, claims, copies=copies))
    n = len(story.articles)
    seq = 0
    for seq, record in enumerate(story_records(story)):
        yield _record_row(story_id, n, seq, record)
    row = dict.fromkeys(FOLDED_COLUMNS)
    row.update(
        story=story_id,
        n_articles=n,
        seq=seq + 1,
        type="story",
        text=story.title,
        record=json.dumps(story_to_dict(story), ensure_ascii=False),
    )
    yield row


def fold(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas over a partition sorted by story (every row of a story in one partition): each story's
    rows folded as soon as its last row has come, one output frame per input batch.

    Why not groupBy(story).applyInPandas: that converts every story to and from Arrow on its own, and
    with hundreds of small stories a partition the conversions cost as much as the folds (the fold stage
    took twice as long that way on PolNeAR train, bench/bench_spark.py)."""
    story, rows = None, []
    for pdf in batches:
        out: list[dict[str, Any]] = []
        for r in _records(pdf):
            if r["story"] != story:
                if rows:
                    out.extend(fold_rows(story, rows))
                story, rows = r["story"], []
            rows.append(r)
        if out:
            yield pd.DataFrame(out, columns=FOLDED_COLUMNS)
    if rows:
        yield pd.DataFrame(list(fold_rows(story, rows)), columns=FOLDED_COLUMNS)
