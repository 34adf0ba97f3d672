"""What the Spark job reads: the driver plans the inputs, the workers read them with `newsfold.ingest`.

The driver walks the paths the user names the way `ingest.read_paths` does (sorted, hidden files
skipped, the files an `articles.jsonl` names read through the index only) and makes one task per file;
each task is read on a worker by the same reader `newsfold story` uses (`read_paths` on that one file,
`ingest.warc.read_warc` for WARC files). Articles keep their place in the input, (file, position), so the
driver can hand them to story clustering in the order the local command reads them.

Text, HTML, JSONL, index and WARC files are opened by path on the workers: on a cluster they must sit on a
file system every node mounts (NFS, /dbfs, a FUSE mount of a bucket). Parquet is read by Spark itself, so
it may live anywhere Spark reads (hdfs://, s3a://, gs://, abfss://): the columns are those of a JSONL
article (`text` or `html`, `id` or `doc`, `outlet`, `title`, `date`, `url`, `author`, `story`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsfold.errors import Failure, NewsfoldError
from newsfold.ingest.paths import WALK_SUFFIXES, folder_files
from newsfold.ingest.warc import WARC_SUFFIXES, WarcStats, is_warc
from newsfold.models import Article
from newsfold.spark.rows import article_row, failure_row, stats_row

PARQUET_SUFFIX = ".parquet"
PARQUET_COLUMNS = ("id", "doc", "text", "html", "outlet", "title", "date", "url", "author", "story")
# A URI scheme of two letters or more (s3a://bucket/..., dbfs:/...), so a Windows drive is not one.
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")


@dataclass
class InputPlan:
    """The driver's reading plan: article files in reading order, Parquet sources, and paths that are
    missing (each a Failure, as `read_paths` reports them)."""

    files: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def _is_remote(path: str) -> bool:
    return bool(_REMOTE.match(path))


def plan_inputs(paths: list[str]) -> InputPlan:
    """Expand the user's paths into the files to read, in the order `newsfold story` reads them."""
    plan = InputPlan()
    for path in map(str, paths):
        if _is_remote(path):
            if path.rstrip("/").lower().endswith(PARQUET_SUFFIX) or "." not in path.rsplit("/", 1)[-1]:
                plan.parquet.append(path)  # a Parquet file or a folder of them, read by Spark
            else:
                plan.failures.append(
                    Failure(
                        path,
                        NewsfoldError(
                            "NF101",
                            path,
                            "only Parquet is read from a remote file system; put other files on a mount",
                        ),
                    )
                )
        elif os.path.isdir(path):
            # WARC and Parquet files too: the workers read WARC, Spark itself reads Parquet
            for f in folder_files(path, (*WALK_SUFFIXES, *WARC_SUFFIXES, PARQUET_SUFFIX)):
                (plan.parquet if f.lower().endswith(PARQUET_SUFFIX) else plan.files).append(f)
        elif os.path.exists(path):
            (plan.parquet if path.lower().endswith(PARQUET_SUFFIX) else plan.files).append(path)
        else:
            plan.failures.append(Failure(path, NewsfoldError("NF101", path, "no such file or directory")))
    return plan


# --- on the workers ---------------------------------------------------------------------------------------


def read_file(path: str) -> Iterator[Article | Failure | WarcStats]:
    """Every article of one planned file, as `newsfold story` reads it; a WARC file ends with its stats."""
    if is_warc(path):
        from newsfold.ingest.warc import read_warc

        stats = WarcStats()
        yield from read_warc(path, stats=stats)
        yield stats
        return
    from newsfold.ingest import read_paths

    yield from read_paths([path])


def file_rows(path: str, file_ord: int) -> Iterator[dict[str, Any]]:
    """The rows one file gives: an article or a failure per item, and the WARC stats when it is one."""
    pos = 0
    try:
        for item in read_file(path):
            if isinstance(item, WarcStats):
                yield stats_row(
                    [item.records, item.articles, item.skipped, item.corrupt], path, file_ord, pos
                )
            elif isinstance(item, Failure):
                yield failure_row(item, file_ord, pos)
            else:
                yield article_row(item, file_ord, pos)
            pos += 1
    except Exception as exc:  # noqa: BLE001 - a reader bug costs this file, never the job
        yield failure_row(
            Failure(path, NewsfoldError("NF101", path, f"{type(exc).__name__}: {exc}")), file_ord, pos
        )


def parquet_article(record: dict[str, Any], source: str) -> Article:
    """An Article from one Parquet row, read like a JSONL line; a row without `id` or `doc` is named by
    its file and a hash of its text, so the name does not depend on how Spark split the file."""
    from newsfold.ingest.jsonl import record_article

    record = {k: v for k, v in record.items() if v is not None}
    body = record.get("text") if isinstance(record.get("text"), str) else record.get("html")
    digest = hashlib.blake2b(str(body).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return record_article(
        record, default_doc=f"{os.path.basename(source.rstrip('/'))}#{digest}", source=source
    )
